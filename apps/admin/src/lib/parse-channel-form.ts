import type { ChannelPatch, ConfigField, NewChannel, RequestOverrides } from '../api/channels-api';
import type { Channel } from '../api/types';
import { t } from '../i18n/t';
import { compactErrors, type Parsed, parseInteger, splitKeys, splitList } from './validation';

/** One row of a two-column editor (model mapping, headers, parameters), as typed. */
export interface PairRow {
  from: string;
  to: string;
}

/** The channel form as typed: every field a string, a checkbox, or rows of strings. */
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
  /** The provider's settings by name; those of other types are kept while the type changes. */
  config: Record<string, string>;
  /** Client model -> upstream model. */
  mapping: PairRow[];
  testModel: string;
  /** Header name -> value. */
  setHeaders: PairRow[];
  stripHeaders: string;
  /** Body field -> value as JSON (text that is not JSON is sent as a string). */
  setParams: PairRow[];
  dropParams: string;
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
  config: {},
  mapping: [],
  testModel: '',
  setHeaders: [],
  stripHeaders: '',
  setParams: [],
  dropParams: '',
};

/** An existing channel in the form, to edit it. Keys are write-only: the box starts empty. */
export function toChannelForm(channel: Channel): ChannelFormInput {
  const { allowPrivateNetwork, overrides, ...settings } = channel.config ?? {};
  const saved = (overrides ?? {}) as RequestOverrides;
  return {
    type: channel.type,
    name: channel.name,
    keys: '',
    baseUrl: channel.baseUrl ?? '',
    models: channel.models.join(', '),
    groups: channel.groups.join(', '),
    priority: String(channel.priority),
    weight: String(channel.weight),
    allowPrivateNetwork: allowPrivateNetwork === true,
    config: Object.fromEntries(
      Object.entries(settings).map(([name, value]) => [name, String(value)]),
    ),
    mapping: toRows(channel.modelMapping ?? {}, String),
    testModel: channel.testModel ?? '',
    setHeaders: toRows(saved.setHeaders ?? {}, String),
    stripHeaders: (saved.stripHeaders ?? []).join(', '),
    setParams: toRows(saved.setParams ?? {}, (value) => JSON.stringify(value)),
    dropParams: (saved.dropParams ?? []).join(', '),
  };
}

/**
 * Reads the form into a POST /api/channels body; error keys are the server's param names.
 * Only the chosen provider's settings are sent; whether the required ones are there is the
 * server's to say (its 400 lands beside the setting).
 */
export function parseChannelForm(
  input: ChannelFormInput,
  fields: readonly ConfigField[],
): Parsed<NewChannel> {
  const parsed = readChannelForm(input, fields, true);
  return parsed.ok ? { ok: true, value: { ...parsed.value, key: parsed.value.key ?? '' } } : parsed;
}

/** Reads the form into a PATCH /api/channels/:id body: empty keys keep the saved ones. */
export function parseChannelEdit(
  input: ChannelFormInput,
  fields: readonly ConfigField[],
): Parsed<ChannelPatch> {
  return readChannelForm(input, fields, false);
}

function readChannelForm(
  input: ChannelFormInput,
  fields: readonly ConfigField[],
  keysRequired: boolean,
): Parsed<Omit<NewChannel, 'key'> & { key?: string }> {
  const name = input.name.trim();
  const keys = splitKeys(input.keys);
  const baseUrl = input.baseUrl.trim();
  const models = splitList(input.models);
  const groups = splitList(input.groups);
  const priority = parseInteger(input.priority);
  const weight = parseInteger(input.weight);
  const mapping = readPairs(input.mapping);
  const headers = readPairs(input.setHeaders);
  const params = readPairs(input.setParams);
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
    modelMapping: mapping === undefined ? t('check.bothSides') : undefined,
    'overrides.setHeaders': headers === undefined ? t('check.bothSides') : undefined,
    'overrides.setParams': params === undefined ? t('check.bothSides') : undefined,
  });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const overrides: RequestOverrides = {
    ...(headers!.length > 0 && { setHeaders: Object.fromEntries(headers!) }),
    ...(splitList(input.stripHeaders).length > 0 && {
      stripHeaders: splitList(input.stripHeaders),
    }),
    ...(params!.length > 0 && {
      setParams: Object.fromEntries(params!.map(([field, value]) => [field, readJson(value)])),
    }),
    ...(splitList(input.dropParams).length > 0 && { dropParams: splitList(input.dropParams) }),
  };
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
      config: Object.fromEntries(
        fields
          .map((field) => [field.name, (input.config[field.name] ?? '').trim()] as const)
          .filter(([, value]) => value !== ''),
      ),
      modelMapping: mapping!.length > 0 ? Object.fromEntries(mapping!) : null,
      testModel: input.testModel.trim() === '' ? null : input.testModel.trim(),
      overrides: Object.keys(overrides).length > 0 ? overrides : null,
    },
  };
}

/** Filled rows as pairs; undefined when a row has one side only. Blank rows are ignored. */
function readPairs(rows: readonly PairRow[]): [string, string][] | undefined {
  const pairs = rows
    .map((row) => [row.from.trim(), row.to.trim()] as [string, string])
    .filter(([from, to]) => from !== '' || to !== '');
  return pairs.some(([from, to]) => from === '' || to === '') ? undefined : pairs;
}

/** A forced parameter's value: JSON when it reads as JSON (`0.2`, `true`, `{...}`), else text. */
function readJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function toRows<T>(record: Record<string, T>, show: (value: T) => string): PairRow[] {
  return Object.entries(record).map(([from, to]) => ({ from, to: show(to) }));
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
