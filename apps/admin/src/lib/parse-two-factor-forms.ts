import { t } from '../i18n/t';
import type { Parsed } from './validation';

/**
 * A code typed at sign-in or to turn two-factor off: 6 digits from the app, or a recovery
 * code (`xxxxx-xxxxx`); spaces dropped, since apps show codes as `123 456`.
 */
export function parseSecondFactorCode(input: { code: string }): Parsed<{ code: string }> {
  const code = input.code.replace(/\s/g, '');
  if (/^\d{6}$/.test(code) || /^[a-z0-9]{5}-?[a-z0-9]{5}$/i.test(code))
    return { ok: true, value: { code } };
  return { ok: false, errors: { code: t('check.secondFactorCode') } };
}

/** The first code from the app, confirming an enrolment: 6 digits only. */
export function parseTotpCode(input: { code: string }): Parsed<{ code: string }> {
  const code = input.code.replace(/\s/g, '');
  if (/^\d{6}$/.test(code)) return { ok: true, value: { code } };
  return { ok: false, errors: { code: t('check.totpCode') } };
}

/** A passkey's name, to tell several apart: 1 to 64 characters. */
export function parsePasskeyName(input: { name: string }): Parsed<{ name: string }> {
  const name = input.name.trim();
  if (name !== '' && name.length <= 64) return { ok: true, value: { name } };
  return { ok: false, errors: { name: t('check.passkeyName') } };
}

/** Turning two-factor off: a code when one is typed, else the password. */
export function parseTotpDisableForm(input: {
  code: string;
  password: string;
}): Parsed<{ code: string } | { password: string }> {
  if (input.code.trim() === '' && input.password !== '')
    return { ok: true, value: { password: input.password } };
  return parseSecondFactorCode(input);
}
