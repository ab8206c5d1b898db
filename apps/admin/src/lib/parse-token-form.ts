import type { NewToken } from '../api/tokens-api';
import type { Token } from '../api/types';
import { t } from '../i18n/t';
import { compactErrors, type Parsed, parseInteger, splitList } from './validation';

export interface TokenFormInput {
  name: string;
  unlimitedQuota: boolean;
  remainQuota: string;
  /** `YYYY-MM-DD` from a date input, or empty for never. */
  expiresOn: string;
  allowedModels: string;
  allowedIps: string;
}

export const EMPTY_TOKEN_FORM: TokenFormInput = {
  name: '',
  unlimitedQuota: true,
  remainQuota: '500000',
  expiresOn: '',
  allowedModels: '',
  allowedIps: '',
};

const pad = (value: number) => String(value).padStart(2, '0');

/** A key as the form shows it for editing; the expiry as its local date. */
export function toTokenFormInput(token: Token): TokenFormInput {
  const expires = token.expiresAt === null ? null : new Date(token.expiresAt);
  return {
    name: token.name,
    unlimitedQuota: token.unlimitedQuota,
    remainQuota: String(Math.max(0, token.remainQuota)),
    expiresOn: expires
      ? `${expires.getFullYear()}-${pad(expires.getMonth() + 1)}-${pad(expires.getDate())}`
      : '',
    allowedModels: token.allowedModels?.join(', ') ?? '',
    allowedIps: token.allowedIps?.join(', ') ?? '',
  };
}

// IPv4 or IPv6, with an optional prefix length: a first check, the server's is the real one.
const IP_RULE = /^[0-9a-fA-F:.]+(\/\d{1,3})?$/;

/** Reads the form into a POST /api/tokens body. `now` is passed in so tests are stable. */
export function parseTokenForm(input: TokenFormInput, now = Date.now()): Parsed<NewToken> {
  const name = input.name.trim();
  const ips = splitList(input.allowedIps);
  const quota = input.unlimitedQuota ? 0 : parseInteger(input.remainQuota);
  // The key stops working at the end of the chosen day, local time.
  const expiresAt =
    input.expiresOn === '' ? null : new Date(`${input.expiresOn}T23:59:59`).getTime();
  const errors = compactErrors({
    name:
      name === ''
        ? t('check.keyName')
        : name.length > 128
          ? t('check.atMost', { max: 128 })
          : undefined,
    remainQuota: quota === undefined || quota < 0 ? t('check.wholeNumberMin0') : undefined,
    expiresAt:
      expiresAt !== null && (Number.isNaN(expiresAt) || expiresAt <= now)
        ? t('check.futureDate')
        : undefined,
    allowedIps: ips.every((rule) => IP_RULE.test(rule)) ? undefined : t('check.ipRules'),
  });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const models = splitList(input.allowedModels);
  return {
    ok: true,
    value: {
      name,
      unlimitedQuota: input.unlimitedQuota,
      remainQuota: quota!,
      expiresAt,
      allowedModels: models.length === 0 ? null : models,
      allowedIps: ips.length === 0 ? null : ips,
    },
  };
}

/**
 * Reads the form for an existing key into a PATCH body of what changed. An expiry left as
 * it was is not checked (an expired key can be renamed); a changed one must be ahead.
 */
export function parseTokenEditForm(
  token: Token,
  input: TokenFormInput,
  now = Date.now(),
): Parsed<Partial<NewToken>> {
  const before = toTokenFormInput(token);
  const sameExpiry = input.expiresOn === before.expiresOn;
  const parsed = parseTokenForm({ ...input, ...(sameExpiry && { expiresOn: '' }) }, now);
  if (!parsed.ok) return parsed;
  const value = parsed.value;
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  return {
    ok: true,
    value: {
      ...(value.name !== token.name && { name: value.name }),
      ...(value.unlimitedQuota !== token.unlimitedQuota && {
        unlimitedQuota: value.unlimitedQuota,
      }),
      ...(!value.unlimitedQuota &&
        (input.remainQuota !== before.remainQuota || token.unlimitedQuota) && {
          remainQuota: value.remainQuota,
        }),
      ...(!sameExpiry && { expiresAt: value.expiresAt }),
      ...(!same(value.allowedModels, token.allowedModels) && {
        allowedModels: value.allowedModels,
      }),
      ...(!same(value.allowedIps, token.allowedIps) && { allowedIps: value.allowedIps }),
    },
  };
}
