import type { NewToken, TokenStatus } from '@oneapi/storage';
import { isValidIpRule } from '../../routes/relay/client-ip';
import { hashSecret, keyPrefixOf } from '../../secrets/hash-secret';
import type { SourceKind } from './channel-types';
import {
  readFlag,
  readNumber,
  readSeconds,
  readText,
  type SourceRow,
  splitList,
} from './source-values';

/** A source token ready to be written once its owner's id here is known. */
export interface TokenImport {
  readonly sourceId: number;
  readonly sourceUserId: number;
  readonly token: Omit<NewToken, 'userId'>;
  readonly usedQuota: number;
  readonly createdAt: number | null;
  readonly lastUsedAt: number | null;
  readonly notes: readonly string[];
}

// model/token.go: 1 enabled, 2 disabled, 3 expired, 4 exhausted, as ours.
const STATUSES: Readonly<Record<number, TokenStatus>> = {
  1: 'enabled',
  2: 'disabled',
  3: 'expired',
  4: 'exhausted',
};

/**
 * The key a client sends for a stored One API key. The table keeps 48 characters without
 * the prefix; clients send `sk-` + key, which middleware/auth.go TokenAuth strips (with a
 * `-<channel id>` suffix an admin may add) before looking the rest up. Our relay hashes the
 * whole presented key, so the hash is of `sk-` + key: the same string the client sends.
 */
export const toPresentedKey = (storedKey: string): string => `sk-${storedKey.trim()}`;

/** Maps one `tokens` row: plaintext key in, only its hash out. */
export function mapToken(row: SourceRow, kind: SourceKind): TokenImport | undefined {
  const stored = readText(row, 'key').trim();
  if (stored === '') return undefined;
  const key = toPresentedKey(stored);
  const notes: string[] = [];
  // One API: `models` and `subnet` as comma lists ('' = any); new-api: model_limits behind
  // model_limits_enabled, and allow_ips one per line.
  const models =
    kind === 'new-api'
      ? readFlag(row, 'modelLimitsEnabled')
        ? splitList(readText(row, 'modelLimits'))
        : []
      : splitList(readText(row, 'models'));
  const ips =
    kind === 'new-api'
      ? splitList(readText(row, 'allowIps'), /[\r\n,]+/)
      : splitList(readText(row, 'subnet'));
  const validIps = ips.filter(isValidIpRule);
  let status = STATUSES[readNumber(row, 'status', 1)] ?? 'disabled';
  if (validIps.length < ips.length) {
    // Dropping a rule would widen who may use the key: the key is imported disabled instead.
    notes.push('an IP rule that is not an address or CIDR range (imported disabled)');
    status = 'disabled';
  }
  const expiredTime = readNumber(row, 'expiredTime', -1);
  const group = readText(row, 'group').trim();
  return {
    sourceId: readNumber(row, 'id'),
    sourceUserId: readNumber(row, 'userId'),
    token: {
      name: (readText(row, 'name').trim() || 'imported').slice(0, 128),
      keyHash: hashSecret(key),
      keyPrefix: keyPrefixOf(key),
      status,
      // -1 means never; any other value is a time in seconds, as ValidateUserToken reads it.
      expiresAt: expiredTime === -1 ? null : expiredTime * 1000,
      remainQuota: readNumber(row, 'remainQuota'),
      unlimitedQuota: readFlag(row, 'unlimitedQuota'),
      allowedModels: models.length > 0 ? models : null,
      allowedIps: validIps.length > 0 ? validIps : null,
      groupName: group === '' ? null : group.slice(0, 64),
    },
    usedQuota: readNumber(row, 'usedQuota'),
    createdAt: readSeconds(row, 'createdTime'),
    lastUsedAt: readSeconds(row, 'accessedTime'),
    notes,
  };
}
