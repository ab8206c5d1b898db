import {
  type ChannelPatch,
  createChannel,
  type NewChannel,
  updateChannel,
} from '../api/channels-api';
import type { Channel } from '../api/types';
import { ErrorBanner } from '../components/error-banner';
import { FormActions } from '../components/form-actions';
import { FormField } from '../components/form-field';
import { useForm } from '../components/use-form';
import { useT } from '../i18n/use-t';
import { CHANNEL_TYPES } from '../lib/channel-types';
import {
  EMPTY_CHANNEL_FORM,
  parseChannelEdit,
  parseChannelForm,
  toChannelForm,
} from '../lib/parse-channel-form';
import type { Parsed } from '../lib/validation';
import { UpstreamModelPicker } from './upstream-model-picker';

const FIELDS = ['type', 'name', 'key', 'baseUrl', 'models', 'groups', 'priority', 'weight'];

/**
 * Adds a channel, or edits `channel`. Keys are write-only: once saved, only their last four
 * characters show, and an edit leaves them alone unless new ones are typed.
 */
export function ChannelForm({
  channel,
  onSaved,
  onCancel,
}: {
  channel?: Channel;
  onSaved: (channel: Channel) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const title = channel ? t('channelForm.edit', { name: channel.name }) : t('channelForm.new');
  const form = useForm({
    initial: () => (channel ? toChannelForm(channel) : EMPTY_CHANNEL_FORM),
    fields: FIELDS,
    parse: (input): Parsed<ChannelPatch> =>
      channel ? parseChannelEdit(input) : parseChannelForm(input),
    // Without a channel, parseChannelForm read the value: it is a complete NewChannel.
    send: (value: ChannelPatch) =>
      channel ? updateChannel(channel.id, value) : createChannel(value as NewChannel),
    onSuccess: onSaved,
  });

  return (
    <form className="card form" onSubmit={form.onSubmit} noValidate aria-label={title}>
      <h2>{title}</h2>
      {form.banner && <ErrorBanner error={form.banner} />}
      <div className="form-grid">
        <FormField label={t('common.type')} bind={form.bind('type')}>
          <select>
            {CHANNEL_TYPES.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label={t('common.name')} bind={form.bind('name')}>
          <input />
        </FormField>
      </div>
      <FormField
        label={t('channels.keys')}
        bind={form.bind('keys', 'key')}
        hint={
          channel
            ? t('channelForm.keysKeep', { count: channel.keyCount })
            : t('channelForm.keysNew')
        }
      >
        <textarea rows={3} autoComplete="off" spellCheck={false} />
      </FormField>
      <FormField
        label={t('channelForm.baseUrl')}
        bind={form.bind('baseUrl')}
        hint={t('channelForm.baseUrlHint')}
      >
        <input placeholder="https://api.example.com/v1" spellCheck={false} />
      </FormField>
      <FormField
        label={t('common.models')}
        bind={form.bind('models')}
        hint={t('common.commaSeparated')}
      >
        <input placeholder="gpt-4o, gpt-4o-mini" spellCheck={false} />
      </FormField>
      {channel && (
        <UpstreamModelPicker
          channelId={channel.id}
          field={form.values.models}
          onChange={(models) => form.set('models', models)}
        />
      )}
      <div className="form-grid">
        <FormField
          label={t('channelForm.groups')}
          bind={form.bind('groups')}
          hint={t('common.commaSeparated')}
        >
          <input />
        </FormField>
        <FormField
          label={t('channelForm.priority')}
          bind={form.bind('priority')}
          hint={t('channelForm.priorityHint')}
        >
          <input inputMode="numeric" />
        </FormField>
        <FormField
          label={t('channelForm.weight')}
          bind={form.bind('weight')}
          hint={t('channelForm.weightHint')}
        >
          <input inputMode="numeric" />
        </FormField>
      </div>
      <label className="checkbox">
        <input type="checkbox" {...form.bind('allowPrivateNetwork').control} />
        {t('channelForm.privateNetwork')}
      </label>
      <FormActions
        busy={form.busy}
        label={channel ? t('channelForm.save') : t('channelForm.create')}
        busyLabel={t('common.saving')}
        onCancel={onCancel}
      />
    </form>
  );
}
