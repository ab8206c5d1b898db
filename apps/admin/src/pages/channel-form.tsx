import { useId, useState } from 'react';
import {
  type ChannelPatch,
  createChannel,
  type NewChannel,
  type ProviderSummary,
  updateChannel,
} from '../api/channels-api';
import type { Channel } from '../api/types';
import { ErrorBanner } from '../components/error-banner';
import { FormActions } from '../components/form-actions';
import { FormField } from '../components/form-field';
import { PairRows } from '../components/pair-rows';
import { useForm } from '../components/use-form';
import { useT } from '../i18n/use-t';
import {
  EMPTY_CHANNEL_FORM,
  parseChannelEdit,
  parseChannelForm,
  toChannelForm,
} from '../lib/parse-channel-form';
import { type Parsed, splitList } from '../lib/validation';
import { ChannelOverridesFields } from './channel-overrides-fields';
import { ProviderSettings } from './provider-settings';
import { UpstreamModelPicker } from './upstream-model-picker';

const FIELDS = [
  'type',
  'name',
  'key',
  'baseUrl',
  'models',
  'groups',
  'priority',
  'weight',
  'modelMapping',
  'testModel',
  'overrides.setHeaders',
  'overrides.stripHeaders',
  'overrides.setParams',
  'overrides.dropParams',
];

/**
 * Adds a channel, or edits `channel`, with the settings its provider declares (GET
 * /api/providers). Keys are write-only: once saved, only their last four characters show,
 * and an edit leaves them alone unless new ones are typed.
 */
export function ChannelForm({
  channel,
  providers,
  onSaved,
  onCancel,
}: {
  channel?: Channel;
  providers: readonly ProviderSummary[];
  onSaved: (channel: Channel) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const listId = useId();
  const [upstreamModels, setUpstreamModels] = useState<string[]>([]);
  const title = channel ? t('channelForm.edit', { name: channel.name }) : t('channelForm.new');
  const providerOf = (type: string) => providers.find((provider) => provider.id === type);
  const form = useForm({
    initial: () => (channel ? toChannelForm(channel) : EMPTY_CHANNEL_FORM),
    // The type may change after the form opens: any provider's setting may be named.
    fields: [
      ...FIELDS,
      ...providers.flatMap((option) => option.configFields.map((field) => `config.${field.name}`)),
    ],
    parse: (input): Parsed<ChannelPatch> => {
      const fields = providerOf(input.type)?.configFields ?? [];
      return channel ? parseChannelEdit(input, fields) : parseChannelForm(input, fields);
    },
    // Without a channel, parseChannelForm read the value: it is a complete NewChannel.
    send: (value: ChannelPatch) =>
      channel ? updateChannel(channel.id, value) : createChannel(value as NewChannel),
    onSuccess: onSaved,
  });
  const provider = providerOf(form.values.type);

  return (
    <form className="card form" onSubmit={form.onSubmit} noValidate aria-label={title}>
      <h2>{title}</h2>
      {form.banner && <ErrorBanner error={form.banner} />}
      <div className="form-grid">
        <FormField label={t('common.type')} bind={form.bind('type')}>
          <select>
            {providers.map((option) => (
              <option key={option.id} value={option.id}>
                {`${option.name} (${option.id})`}
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
        hint={
          provider?.defaultBaseUrl
            ? `${t('channelForm.baseUrlHint')}: ${provider.defaultBaseUrl}`
            : t('channelForm.baseUrlHint')
        }
      >
        <input
          placeholder={provider?.defaultBaseUrl ?? 'https://api.example.com/v1'}
          spellCheck={false}
        />
      </FormField>
      {provider && (
        <ProviderSettings
          provider={provider}
          values={form.values.config}
          errors={form.errors}
          onChange={(name, value) => form.set('config', { ...form.values.config, [name]: value })}
        />
      )}
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
          onFetched={setUpstreamModels}
        />
      )}
      <datalist id={listId}>
        {[...new Set([...upstreamModels, ...splitList(form.values.models)])].map((model) => (
          <option key={model} value={model} />
        ))}
      </datalist>
      <PairRows
        legend={t('channelForm.mapping')}
        hint={t('channelForm.mappingHint')}
        fromLabel={t('channelForm.clientModel')}
        toLabel={t('channelForm.upstreamModel')}
        rows={form.values.mapping}
        error={form.errors.modelMapping}
        onChange={(rows) => form.set('mapping', rows)}
        toListId={listId}
      />
      <div className="form-grid">
        <FormField
          label={t('channelForm.testModel')}
          bind={form.bind('testModel')}
          hint={t('channelForm.testModelHint')}
        >
          <input list={listId} spellCheck={false} />
        </FormField>
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
      <ChannelOverridesFields values={form.values} errors={form.errors} set={form.set} />
      <FormActions
        busy={form.busy}
        label={channel ? t('channelForm.save') : t('channelForm.create')}
        busyLabel={t('common.saving')}
        onCancel={onCancel}
      />
    </form>
  );
}
