import type { ChannelPatch, NewChannel } from '../api/channels-api';
import type { Channel } from '../api/types';
import { t } from '../i18n/t';
import { compactErrors, type Parsed, parseInteger, splitKeys, splitList } from './validation';

/** The channel form as typed: every field a string or a checkbox. */
export interface ChannelFormInput {
  type: string;
  name: string;
  keys: string;
  baseUrl: string;
  models: string;
  groups: string;
  priority: string;
  weight: string;
  allowPrivateNetwork: boolean;
}

export const EMPTY_CHANNEL_FORM: ChannelFormInput = {
  type: 'openai',
  name: '',
  keys: '',
  baseUrl: '',
  models: '',
  groups: 'default',
  priority: '0',
  weight: '1',
  allowPrivateNetwork: false,
};

/** An existing channel in the form, to edit it. Keys are write-only: the box starts empty. */
export function toChannelForm(channel: Channel): ChannelFormInput {
  return {
    type: channel.type,
    name: channel.name,
    keys: '',
    baseUrl: channel.baseUrl ?? '',
    models: channel.models.join(', '),
    groups: channel.groups.join(', '),
    priority: String(channel.priority),
    weight: String(channel.weight),
    allowPrivateNetwork: channel.config?.allowPrivateNetwork === true,
  };
}

/** Reads the form into a POST /api/channels body; error keys are the server's param names. */
export function parseChannelForm(input: ChannelFormInput): Parsed<NewChannel> {
  const parsed = readChannelForm(input, true);
  return parsed.ok ? { ok: true, value: { ...parsed.value, key: parsed.value.key ?? '' } } : parsed;
}

/** Reads the form into a PATCH /api/channels/:id body: empty keys keep the saved ones. */
export function parseChannelEdit(input: ChannelFormInput): Parsed<ChannelPatch> {
  return readChannelForm(input, false);
}

function readChannelForm(
  input: ChannelFormInput,
  keysRequired: boolean,
): Parsed<Omit<NewChannel, 'key'> & { key?: string }> {
  const name = input.name.trim();
  const keys = splitKeys(input.keys);
  const baseUrl = input.baseUrl.trim();
  const models = splitList(input.models);
  const groups = splitList(input.groups);
  const priority = parseInteger(input.priority);
  const weight = parseInteger(input.weight);
  const errors = compactErrors({
    type: input.type === '' ? t('check.channelType') : undefined,
    name:
      name === ''
        ? t('check.channelName')
        : name.length > 128
          ? t('check.atMost', { max: 128 })
          : undefined,
    key: keysRequired && keys.length === 0 ? t('check.channelKeys') : undefined,
    baseUrl: baseUrl !== '' && !isHttpUrl(baseUrl) ? t('check.httpUrl') : undefined,
    models: models.length === 0 ? t('check.oneModel') : undefined,
    groups: groups.length === 0 ? t('check.oneGroup') : undefined,
    priority: priority === undefined ? t('check.wholeNumber') : undefined,
    weight: weight === undefined || weight < 0 ? t('check.wholeNumberMin0') : undefined,
  });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      type: input.type,
      name,
      ...(keys.length > 0 && { key: keys.join('\n') }),
      baseUrl: baseUrl === '' ? null : baseUrl,
      models,
      groups,
      priority: priority!,
      weight: weight!,
      allowPrivateNetwork: input.allowPrivateNetwork,
    },
  };
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
