import type { User, UserRole } from '../api/types';
import type { NewUser, UserPatch } from '../api/users-api';
import { t } from '../i18n/t';
import {
  checkOptionalEmail,
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

export interface UserEditInput {
  displayName: string;
  email: string;
  groupName: string;
  role: UserRole;
  status: 'enabled' | 'disabled';
  /** Empty keeps the password. */
  password: string;
}

export const toUserEditInput = (user: User): UserEditInput => ({
  displayName: user.displayName,
  email: user.email ?? '',
  groupName: user.groupName,
  role: user.role,
  status: user.status,
  password: '',
});

/**
 * Reads the edit-user form into a PATCH /api/users/:id body holding only what changed from
 * `user`, so that saving a name does not also resend a role the editor may not grant.
 */
export function parseUserEditForm(user: User, input: UserEditInput): Parsed<UserPatch> {
  const displayName = input.displayName.trim();
  const email = input.email.trim();
  const groupName = input.groupName.trim();
  const errors = compactErrors({
    displayName:
      displayName === ''
        ? t('check.displayName')
        : displayName.length > 128
          ? t('check.atMost', { max: 128 })
          : undefined,
    email: checkOptionalEmail(email),
    groupName:
      groupName === ''
        ? t('check.group')
        : groupName.length > 64
          ? t('check.atMost', { max: 64 })
          : undefined,
    password: input.password === '' ? undefined : checkPassword(input.password),
  });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const patch: UserPatch = {
    ...(displayName !== user.displayName && { displayName }),
    ...(email !== (user.email ?? '') && { email: email === '' ? null : email }),
    ...(groupName !== user.groupName && { groupName }),
    ...(input.role !== user.role && { role: input.role }),
    ...(input.status !== user.status && { status: input.status }),
    ...(input.password !== '' && { password: input.password }),
  };
  return { ok: true, value: patch };
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
