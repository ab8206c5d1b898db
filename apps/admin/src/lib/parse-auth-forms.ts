import type { Registration } from '../api/auth-api';
import { t } from '../i18n/t';
import {
  checkOptionalEmail,
  checkPassword,
  checkUsername,
  compactErrors,
  type Parsed,
} from './validation';

export interface SetupFormInput {
  setupToken: string;
  username: string;
  password: string;
}

/** Reads the first-run form into a POST /api/setup body. */
export function parseSetupForm(input: SetupFormInput): Parsed<SetupFormInput> {
  const setupToken = input.setupToken.trim();
  const errors = compactErrors({
    setupToken: setupToken === '' ? t('check.setupToken') : undefined,
    username: checkUsername(input.username),
    password: checkPassword(input.password),
  });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { ...input, setupToken } };
}

export interface SignInFormInput {
  username: string;
  password: string;
}

/** Only presence is checked: the server alone knows whether the credentials are right. */
export function parseSignInForm(input: SignInFormInput): Parsed<SignInFormInput> {
  const username = input.username.trim();
  const errors = compactErrors({
    username: username === '' ? t('check.enterUsername') : undefined,
    password: input.password === '' ? t('check.enterPassword') : undefined,
  });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { username, password: input.password } };
}

export interface SignUpFormInput {
  username: string;
  password: string;
  email: string;
  inviteCode: string;
}

/**
 * Reads the sign-up form into a POST /api/auth/register body; the email (a verification link
 * is mailed to it) and the invite code are optional.
 */
export function parseSignUpForm(input: SignUpFormInput): Parsed<Registration> {
  const inviteCode = input.inviteCode.trim();
  const email = input.email.trim();
  const errors = compactErrors({
    username: checkUsername(input.username),
    password: checkPassword(input.password),
    email: checkOptionalEmail(email),
    inviteCode: inviteCode.length > 32 ? t('check.inviteCode') : undefined,
  });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      username: input.username,
      password: input.password,
      ...(email !== '' && { email }),
      ...(inviteCode !== '' && { inviteCode }),
    },
  };
}
