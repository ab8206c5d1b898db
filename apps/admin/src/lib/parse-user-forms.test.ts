import { describe, expect, it } from 'vitest';
import type { User } from '../api/types';
import { parseUserEditForm, toUserEditInput } from './parse-user-forms';

const ALICE: User = {
  id: 2,
  username: 'alice',
  displayName: 'Alice',
  role: 'user',
  status: 'enabled',
  email: null,
  emailVerifiedAt: null,
  groupName: 'default',
  quota: 0,
  usedQuota: 0,
  requestCount: 0,
  createdAt: 0,
};

describe('parseUserEditForm', () => {
  it('sends only what changed, so an unchanged role is never resent', () => {
    const input = {
      ...toUserEditInput(ALICE),
      displayName: ' Alice A. ',
      status: 'disabled' as const,
    };
    expect(parseUserEditForm(ALICE, input)).toEqual({
      ok: true,
      value: { displayName: 'Alice A.', status: 'disabled' },
    });
    expect(parseUserEditForm(ALICE, toUserEditInput(ALICE))).toEqual({ ok: true, value: {} });
  });

  it('clears an email with null, resets a password, and checks both', () => {
    const withEmail = { ...ALICE, email: 'a@example.com' };
    expect(
      parseUserEditForm(withEmail, {
        ...toUserEditInput(withEmail),
        email: '',
        password: 'long-enough',
      }),
    ).toEqual({ ok: true, value: { email: null, password: 'long-enough' } });
    const bad = parseUserEditForm(ALICE, {
      ...toUserEditInput(ALICE),
      email: 'not an email',
      password: 'short',
      groupName: ' ',
    });
    expect(bad.ok).toBe(false);
    expect(Object.keys(bad.ok ? {} : bad.errors).sort()).toEqual([
      'email',
      'groupName',
      'password',
    ]);
  });
});
