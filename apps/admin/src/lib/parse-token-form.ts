import type { NewToken } from '../api/tokens-api';
import { compactErrors, type Parsed, parseInteger, splitList } from './validation';

export interface TokenFormInput {
  name: string;
  unlimitedQuota: boolean;
  remainQuota: string;
  /** `YYYY-MM-DD` from a date input, or empty for never. */
  expiresOn: string;
  allowedModels: string;
}

export const EMPTY_TOKEN_FORM: TokenFormInput = {
  name: '',
  unlimitedQuota: true,
  remainQuota: '500000',
  expiresOn: '',
  allowedModels: '',
};

/** Reads the form into a POST /api/tokens body. `now` is passed in so tests are stable. */
export function parseTokenForm(input: TokenFormInput, now = Date.now()): Parsed<NewToken> {
  const name = input.name.trim();
  const quota = input.unlimitedQuota ? 0 : parseInteger(input.remainQuota);
  // The key stops working at the end of the chosen day, local time.
  const expiresAt =
    input.expiresOn === '' ? null : new Date(`${input.expiresOn}T23:59:59`).getTime();
  const errors = compactErrors({
    name:
      name === ''
        ? 'Give the key a name'
        : name.length > 128
          ? 'At most 128 characters'
          : undefined,
    remainQuota: quota === undefined || quota < 0 ? 'Use a whole number, 0 or more' : undefined,
    expiresAt:
      expiresAt !== null && (Number.isNaN(expiresAt) || expiresAt <= now)
        ? 'Choose a date in the future'
        : undefined,
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
    },
  };
}
