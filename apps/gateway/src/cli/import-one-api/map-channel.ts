import { isIP } from 'node:net';
import { findProvider, isPrivateAddress } from '@oneapi/adapters';
import type { ChannelStatus, NewChannel } from '@oneapi/storage';
import { type ChannelTypeMapping, resolveChannelType, type SourceKind } from './channel-types';
import { mapCredentials } from './map-channel-credentials';
import {
  asRecord,
  readJson,
  readNumber,
  readSeconds,
  readText,
  type SourceRow,
  splitList,
} from './source-values';

/** A source channel ready to be written: ours but for the encryption of its keys. */
export interface ChannelImport {
  readonly sourceId: number;
  readonly channel: Omit<NewChannel, 'keyCiphertext'>;
  readonly keys: readonly string[];
  readonly usedQuota: number;
  readonly createdAt: number | null;
  /** Source settings with no equivalent here (or changed on the way), for the report. */
  readonly notes: readonly string[];
}

export type MappedChannel =
  | { readonly kind: 'import'; readonly value: ChannelImport }
  | {
      readonly kind: 'skip';
      readonly sourceId: number;
      readonly reason: string;
      /** Set when the reason is a type without counterpart: `36 SunoAPI`. */
      readonly unmappedType?: string;
    };

// model/channel.go: 1 enabled, 2 manually disabled, 3 automatically disabled.
const STATUSES: Readonly<Record<number, ChannelStatus>> = {
  1: 'enabled',
  2: 'manually_disabled',
  3: 'auto_disabled',
};

// Columns a source may fill that have nothing to map to here.
const DROPPED: ReadonlyArray<[column: string, label: string]> = [
  ['systemPrompt', 'system prompt'],
  ['paramOverride', 'parameter override'],
  ['headerOverride', 'header override'],
  ['statusCodeMapping', 'status code mapping'],
  ['openaiOrganization', 'OpenAI organization'],
];

/** Maps one `channels` row; pure, so the whole table can be planned before anything is written. */
export function mapChannel(row: SourceRow, kind: SourceKind): MappedChannel {
  const sourceId = readNumber(row, 'id');
  const type = readNumber(row, 'type');
  const mapping = resolveChannelType(kind, type);
  const provider = mapping.provider && findProvider(mapping.provider);
  if (!provider) {
    const unmappedType = `${type} ${mapping.name}`;
    return {
      kind: 'skip',
      sourceId,
      reason: `type ${unmappedType} has no counterpart`,
      unmappedType,
    };
  }
  const credentials = mapCredentials(row, kind, mapping);
  if ('problem' in credentials) return { kind: 'skip', sourceId, reason: credentials.problem };
  const base = mapBaseUrl(readText(row, 'baseUrl'), mapping, provider.defaultBaseUrl);
  if ('problem' in base) return { kind: 'skip', sourceId, reason: base.problem };

  const notes = [...credentials.notes, ...base.notes];
  for (const [column, label] of DROPPED) if (readText(row, column).trim() !== '') notes.push(label);
  const mappingJson = readJson(row, 'modelMapping');
  const modelMapping = Object.fromEntries(
    Object.entries(asRecord(mappingJson)).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '',
    ),
  );
  if (readText(row, 'modelMapping').trim() !== '' && mappingJson === undefined) {
    notes.push('model mapping (not valid JSON)');
  }
  const weight = importedWeight(readNumber(row, 'weight'), kind);
  if (weight.note) notes.push(weight.note);
  const config = { ...credentials.config, ...(base.private && { allowPrivateNetwork: true }) };
  const tag = readText(row, 'tag').trim();
  const testModel = readText(row, 'testModel').trim();
  return {
    kind: 'import',
    value: {
      sourceId,
      keys: credentials.keys.length > 0 ? credentials.keys : [''],
      usedQuota: readNumber(row, 'usedQuota'),
      createdAt: readSeconds(row, 'createdTime'),
      notes,
      channel: {
        type: provider.id,
        name: readText(row, 'name').trim().slice(0, 128) || `channel ${sourceId}`,
        baseUrl: base.url,
        models: unique(splitList(readText(row, 'models'))),
        groups: unique(splitList(readText(row, 'group'))).slice(0, 100),
        modelMapping: Object.keys(modelMapping).length > 0 ? modelMapping : null,
        priority: clamp(readNumber(row, 'priority'), -1_000_000, 1_000_000),
        weight: weight.value,
        status: STATUSES[readNumber(row, 'status')] ?? 'manually_disabled',
        config: Object.keys(config).length > 0 ? config : null,
        testModel: testModel === '' ? null : testModel.slice(0, 191),
        tag: tag === '' ? null : tag.slice(0, 64),
      },
    },
  };
}

/**
 * Weights here are proportions of a priority tier (3 and 1 share 3:1; 0 beside positive
 * weights gets nothing), as in new-api, whose weights are kept. One API never read the
 * column: it picks at random among the channels of the highest priority, in equal shares
 * (model/cache.go and ability.go). Its channels come in with weight 1, this gateway's
 * default, so shares stay equal, beside channels created here too.
 */
export function importedWeight(weight: number, kind: SourceKind): { value: number; note?: string } {
  if (kind === 'new-api') return { value: clamp(weight, 0, 100_000) };
  if (weight === 0 || weight === 1) return { value: 1 };
  return { value: 1, note: `weight ${weight} (One API did not use it; shares stay equal)` };
}

/**
 * Our base URL for a source one. The source appended `pathPrefix` (`/v1` for OpenAI-style
 * types) to the channel's base URL, or to its default when the channel had none; ours
 * include it. A result equal to our provider's default is stored as null, so it follows
 * our default from then on.
 */
export function mapBaseUrl(
  sourceBaseUrl: string,
  mapping: ChannelTypeMapping,
  ourDefault: string | undefined,
): { url: string | null; private: boolean; notes: string[] } | { problem: string } {
  let base = sourceBaseUrl.trim().replace(/\/+$/, '');
  const notes: string[] = [];
  if (mapping.wholeUrl) {
    base = base.replace(/\/chat\/completions$/, '');
    if (base.includes('{model}')) notes.push('a {model} placeholder in the base URL');
  } else {
    if (base === '') base = mapping.sourceBaseUrl ?? '';
    const prefix = mapping.pathPrefix ?? '';
    if (base !== '' && prefix !== '' && !base.endsWith(prefix)) base += prefix;
  }
  if (base === '' || (ourDefault !== undefined && base === ourDefault.replace(/\/+$/, ''))) {
    return { url: null, private: false, notes };
  }
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    return { problem: `base URL ${JSON.stringify(base)} is not a URL` };
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) {
    return { problem: 'base URL is not http(s) or holds credentials' };
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  // The source admin chose a local server on purpose (Ollama, vLLM): keep it allowed here.
  const isPrivate = host === 'localhost' || (isIP(host) !== 0 && isPrivateAddress(host));
  return { url: base, private: isPrivate, notes };
}

const unique = (items: string[]) => [...new Set(items)];
const clamp = (value: number, min: number, max: number) => Math.min(Math.max(value, min), max);
