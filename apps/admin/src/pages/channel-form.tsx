import {
  type ChannelPatch,
  createChannel,
  type NewChannel,
  updateChannel,
} from '../api/channels-api';
import type { Channel } from '../api/types';
import { ErrorBanner } from '../components/error-banner';
import { FormField } from '../components/form-field';
import { useForm } from '../components/use-form';
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
  const title = channel ? `Edit ${channel.name}` : 'New channel';
  const {
    values: input,
    set,
    errors,
    banner,
    busy,
    onSubmit,
  } = useForm({
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
    <form className="card form" onSubmit={onSubmit} noValidate aria-label={title}>
      <h2>{title}</h2>
      {banner && <ErrorBanner error={banner} />}
      <div className="form-grid">
        <FormField label="Type" error={errors.type}>
          <select value={input.type} onChange={(event) => set('type', event.target.value)}>
            {CHANNEL_TYPES.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label="Name" error={errors.name}>
          <input value={input.name} onChange={(event) => set('name', event.target.value)} />
        </FormField>
      </div>
      <FormField
        label="Keys"
        error={errors.key}
        hint={
          channel
            ? `Leave empty to keep the ${channel.keyCount} saved. New ones replace them all.`
            : 'One per line. Write-only: they are never shown again.'
        }
      >
        <textarea
          rows={3}
          value={input.keys}
          onChange={(event) => set('keys', event.target.value)}
          autoComplete="off"
          spellCheck={false}
        />
      </FormField>
      <FormField label="Base URL" error={errors.baseUrl} hint="Empty for the provider's default">
        <input
          value={input.baseUrl}
          onChange={(event) => set('baseUrl', event.target.value)}
          placeholder="https://api.example.com/v1"
          spellCheck={false}
        />
      </FormField>
      <FormField label="Models" error={errors.models} hint="Comma-separated">
        <input
          value={input.models}
          onChange={(event) => set('models', event.target.value)}
          placeholder="gpt-4o, gpt-4o-mini"
          spellCheck={false}
        />
      </FormField>
      {channel && (
        <UpstreamModelPicker
          channelId={channel.id}
          field={input.models}
          onChange={(models) => set('models', models)}
        />
      )}
      <div className="form-grid">
        <FormField label="Groups" error={errors.groups} hint="Comma-separated">
          <input value={input.groups} onChange={(event) => set('groups', event.target.value)} />
        </FormField>
        <FormField label="Priority" error={errors.priority} hint="Higher is tried first">
          <input
            inputMode="numeric"
            value={input.priority}
            onChange={(event) => set('priority', event.target.value)}
          />
        </FormField>
        <FormField label="Weight" error={errors.weight} hint="Share within a priority">
          <input
            inputMode="numeric"
            value={input.weight}
            onChange={(event) => set('weight', event.target.value)}
          />
        </FormField>
      </div>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={input.allowPrivateNetwork}
          onChange={(event) => set('allowPrivateNetwork', event.target.checked)}
        />
        Allow a base URL on a private network (a local model server)
      </label>
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Saving…' : channel ? 'Save channel' : 'Create channel'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
