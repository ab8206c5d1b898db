import type { UserRole } from '../api/types';
import type { NewUser } from '../api/users-api';
import { t } from '../i18n/t';
import {
  checkPassword,
  checkUsername,
  compactErrors,
  type Parsed,
  parseInteger,
} from './validation';

export interface UserFormInput {
  username: string;
  password: string;
  displayName: string;
  role: UserRole;
}

export const EMPTY_USER_FORM: UserFormInput = {
  username: '',
  password: '',
  displayName: '',
  role: 'user',
};

/** Reads the new-user form into a POST /api/users body. */
export function parseUserForm(input: UserFormInput): Parsed<NewUser> {
  const displayName = input.displayName.trim();
  const errors = compactErrors({
    username: checkUsername(input.username),
    password: checkPassword(input.password),
    displayName: displayName.length > 128 ? t('check.atMost', { max: 128 }) : undefined,
  });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      username: input.username,
      password: input.password,
      role: input.role,
      ...(displayName !== '' && { displayName }),
    },
  };
}

export interface TopUpInput {
  amount: string;
  reason: string;
}

/** Reads the top-up form; a negative amount takes quota back. */
export function parseTopUpForm(input: TopUpInput): Parsed<{ amount: number; reason: string }> {
  const amount = parseInteger(input.amount);
  const reason = input.reason.trim();
  const errors = compactErrors({
    amount: amount === undefined || amount === 0 ? t('check.wholeNumberNot0') : undefined,
    reason:
      reason === ''
        ? t('check.reason')
        : reason.length > 512
          ? t('check.atMost', { max: 512 })
          : undefined,
  });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { amount: amount!, reason } };
}
