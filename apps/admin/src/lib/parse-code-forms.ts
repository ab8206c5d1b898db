import type { NewCodeBatch } from '../api/redemption-codes-api';
import { t } from '../i18n/t';
import { compactErrors, type Parsed, parseInteger } from './validation';

export interface CodeBatchInput {
  name: string;
  quota: string;
  count: string;
  /** `YYYY-MM-DD` from a date input, or empty for never. */
  expiresOn: string;
}

export const EMPTY_CODE_BATCH: CodeBatchInput = {
  name: '',
  quota: '500000',
  count: '10',
  expiresOn: '',
};

/** Reads the batch form into a POST /api/redemption-codes body. `now` keeps tests stable. */
export function parseCodeBatch(input: CodeBatchInput, now = Date.now()): Parsed<NewCodeBatch> {
  const name = input.name.trim();
  const quota = parseInteger(input.quota);
  const count = parseInteger(input.count);
  // Codes stop working at the end of the chosen day, local time, as API keys do.
  const expiresAt =
    input.expiresOn === '' ? null : new Date(`${input.expiresOn}T23:59:59`).getTime();
  const errors = compactErrors({
    name:
      name === ''
        ? t('check.batchName')
        : name.length > 128
          ? t('check.atMost', { max: 128 })
          : undefined,
    quota: quota === undefined || quota < 1 ? t('check.wholeNumberMin1') : undefined,
    count:
      count === undefined || count < 1 || count > 1000 ? t('check.wholeNumber1to1000') : undefined,
    expiresAt:
      expiresAt !== null && (Number.isNaN(expiresAt) || expiresAt <= now)
        ? t('check.futureDate')
        : undefined,
  });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { name, quota: quota!, count: count!, expiresAt } };
}

/** The server accepts 8-128 characters; spaces around a pasted code are dropped. */
export function parseRedeemForm(input: { code: string }): Parsed<string> {
  const code = input.code.trim();
  if (code === '') return { ok: false, errors: { code: t('check.pasteCode') } };
  if (code.length < 8 || code.length > 128)
    return { ok: false, errors: { code: t('check.notACode') } };
  return { ok: true, value: code };
}
