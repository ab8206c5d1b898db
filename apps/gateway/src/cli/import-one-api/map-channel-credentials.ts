import type { ChannelTypeMapping, SourceKind } from './channel-types';
import { asRecord, readJson, readText, type SourceRow, splitList } from './source-values';

/** A channel's keys and provider settings in our shape, or why they could not be read. */
export type MappedCredentials =
  | { readonly keys: string[]; readonly config: Record<string, unknown>; readonly notes: string[] }
  | { readonly problem: string };

/**
 * The keys as the source stored them. One API keeps one key per channel (its batch add
 * makes one channel per line). new-api's multi-key channels (channel_info.is_multi_key)
 * hold one key per line, or a JSON array of service-account objects for Vertex AI; keys it
 * disabled (multi_key_status_list, 1 = enabled) are left out.
 */
export function readSourceKeys(
  row: SourceRow,
  kind: SourceKind,
): { keys: string[]; notes: string[] } {
  const raw = readText(row, 'key').trim();
  const info = asRecord(readJson(row, 'channelInfo'));
  if (kind !== 'new-api' || info.is_multi_key !== true) return { keys: [raw], notes: [] };
  let keys: string[];
  try {
    const parsed: unknown = raw.startsWith('[') ? JSON.parse(raw) : undefined;
    keys = Array.isArray(parsed)
      ? parsed.map((item) => (typeof item === 'string' ? item : JSON.stringify(item)))
      : splitList(raw, /\r?\n/);
  } catch {
    keys = splitList(raw, /\r?\n/);
  }
  const statuses = asRecord(info.multi_key_status_list);
  const enabled = keys.filter((_, index) => [undefined, 1].includes(statuses[index] as number));
  const notes =
    enabled.length < keys.length && enabled.length > 0
      ? [`${keys.length - enabled.length} key(s) new-api had disabled were left out`]
      : [];
  return { keys: enabled.length > 0 ? enabled : keys, notes };
}

/**
 * Keys and settings for the types whose credentials are shaped differently here. One API
 * keeps them in `config` (model/channel.go ChannelConfig: ak, sk, region, user_id,
 * api_version, vertex_ai_project_id, vertex_ai_adc); new-api in the key itself and `other`.
 */
export function mapCredentials(
  row: SourceRow,
  kind: SourceKind,
  mapping: ChannelTypeMapping,
): MappedCredentials {
  const { keys, notes } = readSourceKeys(row, kind);
  const config = asRecord(readJson(row, 'config'));
  const other = readText(row, 'other').trim();
  switch (mapping.credentials) {
    case 'azure': {
      const apiVersion = stringOf(config.api_version) ?? (other || undefined);
      return { keys, config: apiVersion ? { apiVersion } : {}, notes };
    }
    case 'cloudflare': {
      const accountId = stringOf(config.user_id) ?? (other || undefined);
      if (!accountId) return { problem: 'no Cloudflare account id (config user_id)' };
      return { keys, config: { accountId }, notes };
    }
    case 'bedrock':
      return mapBedrock(keys, config, notes);
    case 'vertex':
      return mapVertex(keys, config, other, notes);
    default:
      return { keys, config: {}, notes };
  }
}

/** Ours: `ACCESS_KEY_ID:SECRET_ACCESS_KEY` and config.region, or an API key with authMode. */
function mapBedrock(
  keys: string[],
  config: Record<string, unknown>,
  notes: string[],
): MappedCredentials {
  const [ak, sk, region] = [stringOf(config.ak), stringOf(config.sk), stringOf(config.region)];
  if (ak && sk && region) return { keys: [`${ak}:${sk}`], config: { region }, notes };
  // new-api: `AK|SK|Region`, or `APIKey|Region` for Bedrock API keys.
  const parts = keys.map((key) => key.split('|').map((part) => part.trim()));
  const regions = new Set(parts.map((part) => part.at(-1)));
  if (parts.every((part) => part.length === 3 && part.every(Boolean)) && regions.size === 1) {
    return {
      keys: parts.map(([id, secret]) => `${id}:${secret}`),
      config: { region: [...regions][0] },
      notes,
    };
  }
  if (parts.every((part) => part.length === 2 && part.every(Boolean)) && regions.size === 1) {
    return {
      keys: parts.map(([apiKey]) => apiKey!),
      config: { region: [...regions][0], authMode: 'api-key' },
      notes,
    };
  }
  return { problem: 'AWS credentials are neither config ak/sk/region nor AK|SK|Region' };
}

/** Ours: the service-account JSON as the key, config.region and (optionally) config.project. */
function mapVertex(
  keys: string[],
  config: Record<string, unknown>,
  other: string,
  notes: string[],
): MappedCredentials {
  // One API keeps the service account in config.vertex_ai_adc; new-api in the key.
  const adc = stringOf(config.vertex_ai_adc);
  const serviceAccounts = adc ? [adc] : keys;
  if (!serviceAccounts.every((key) => key.startsWith('{'))) {
    return { problem: 'no service-account JSON (Vertex AI needs one)' };
  }
  // new-api's `other` is the region, or a JSON map of model -> region with a "default".
  const regionMap = other.startsWith('{') ? asRecord(safeParse(other)) : {};
  const region = stringOf(config.region) ?? stringOf(regionMap.default) ?? (other || undefined);
  const project = stringOf(config.vertex_ai_project_id);
  const perModel = Object.keys(regionMap).filter((name) => name !== 'default');
  return {
    keys: serviceAccounts,
    config: { ...(region && !region.startsWith('{') && { region }), ...(project && { project }) },
    notes: perModel.length > 0 ? [...notes, 'per-model Vertex regions'] : notes,
  };
}

const stringOf = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
