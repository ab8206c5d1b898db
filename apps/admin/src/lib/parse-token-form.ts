import type { NewToken } from '../api/tokens-api';
import { t } from '../i18n/t';
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
        ? t('check.keyName')
        : name.length > 128
          ? t('check.atMost', { max: 128 })
          : undefined,
    remainQuota: quota === undefined || quota < 0 ? t('check.wholeNumberMin0') : undefined,
    expiresAt:
      expiresAt !== null && (Number.isNaN(expiresAt) || expiresAt <= now)
        ? t('check.futureDate')
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
