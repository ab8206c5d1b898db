import { t } from '../i18n/t';
import { checkOptionalEmail, checkPassword, compactErrors, type Parsed } from './validation';

/** The "Forgot password?" form: one address, required. */
export function parseForgotPasswordForm(input: { email: string }): Parsed<{ email: string }> {
  const email = input.email.trim();
  const problem = email === '' ? t('check.enterEmail') : checkOptionalEmail(email);
  if (problem) return { ok: false, errors: { email: problem } };
  return { ok: true, value: { email } };
}

/** The profile's email form: an address, or empty to remove it. */
export function parseEmailForm(input: { email: string }): Parsed<{ email: string | null }> {
  const email = input.email.trim();
  const problem = checkOptionalEmail(email);
  if (problem) return { ok: false, errors: { email: problem } };
  return { ok: true, value: { email: email === '' ? null : email } };
}

/** The new password, typed twice so a typo does not lock the person out again. */
export function parseNewPasswordForm(input: {
  password: string;
  repeat: string;
}): Parsed<{ password: string }> {
  const errors = compactErrors({
    password: checkPassword(input.password),
    repeat: input.repeat !== input.password ? t('check.passwordsDiffer') : undefined,
  });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { password: input.password } };
}
