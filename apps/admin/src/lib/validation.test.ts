import { describe, expect, it } from 'vitest';
import type { Token } from '../api/types';
import { parseTokenEditForm, parseTokenForm, toTokenFormInput } from './parse-token-form';
import { parseTopUpForm, parseUserForm } from './parse-user-forms';
import { checkPassword, checkUsername, parseInteger, splitList } from './validation';

describe('field checks mirroring the server', () => {
  it('accepts the usernames the server accepts', () => {
    for (const ok of ['root', 'a.b-c_d', 'x'.repeat(64)]) expect(checkUsername(ok)).toBeUndefined();
    for (const bad of ['ab', 'x'.repeat(65), 'has space', 'émile', '<b>'])
      expect(checkUsername(bad)).toBeDefined();
  });

  it('wants passwords of 8 to 256 characters', () => {
    expect(checkPassword('1234567')).toBeDefined();
    expect(checkPassword('12345678')).toBeUndefined();
    expect(checkPassword('x'.repeat(257))).toBeDefined();
  });

  it('reads lists and whole numbers', () => {
    expect(splitList(' a, b,,a\nc ')).toEqual(['a', 'b', 'c']);
    expect(parseInteger(' -3 ')).toBe(-3);
    for (const bad of ['', '1.5', '1e3', 'abc', '99999999999999999999'])
      expect(parseInteger(bad)).toBeUndefined();
  });
});

describe('parseTokenForm', () => {
  const now = new Date('2030-01-01T12:00:00').getTime();

  it('sends null for no expiry and no model limit', () => {
    expect(
      parseTokenForm(
        {
          name: 'laptop',
          unlimitedQuota: true,
          remainQuota: 'x',
          expiresOn: '',
          allowedModels: '',
          allowedIps: '',
        },
        now,
      ),
    ).toEqual({
      ok: true,
      value: {
        name: 'laptop',
        unlimitedQuota: true,
        remainQuota: 0,
        expiresAt: null,
        allowedModels: null,
        allowedIps: null,
      },
    });
  });

  it('expires at the end of the chosen day and checks the quota', () => {
    const parsed = parseTokenForm(
      {
        name: 'ci',
        unlimitedQuota: false,
        remainQuota: '1000',
        expiresOn: '2030-01-02',
        allowedModels: 'gpt-4o-mini',
        allowedIps: '10.0.0.0/8, ::1',
      },
      now,
    );
    expect(parsed.ok && parsed.value.expiresAt).toBe(new Date('2030-01-02T23:59:59').getTime());
    expect(parsed.ok && parsed.value.allowedModels).toEqual(['gpt-4o-mini']);
    expect(parsed.ok && parsed.value.allowedIps).toEqual(['10.0.0.0/8', '::1']);
    const bad = parseTokenForm(
      {
        name: '',
        unlimitedQuota: false,
        remainQuota: '-1',
        expiresOn: '2029-12-31',
        allowedModels: '',
        allowedIps: 'example.com',
      },
      now,
    );
    expect(bad.ok ? [] : Object.keys(bad.errors).sort()).toEqual([
      'allowedIps',
      'expiresAt',
      'name',
      'remainQuota',
    ]);
  });
});

describe('parseTokenEditForm', () => {
  const now = new Date('2030-01-01T12:00:00').getTime();
  const expired: Token = {
    id: 1,
    userId: 1,
    name: 'old',
    keyPrefix: 'sk-abcd',
    status: 'expired',
    expiresAt: new Date('2029-06-01T23:59:59').getTime(),
    remainQuota: 0,
    unlimitedQuota: true,
    usedQuota: 5,
    allowedModels: null,
    allowedIps: null,
    lastUsedAt: null,
    createdAt: 0,
  };

  it('renames an expired key without asking for a new expiry, and sends only the change', () => {
    const input = { ...toTokenFormInput(expired), name: 'renamed' };
    expect(parseTokenEditForm(expired, input, now)).toEqual({
      ok: true,
      value: { name: 'renamed' },
    });
  });

  it('sends a new expiry, a quota when it becomes limited, and the allowlists', () => {
    const input = {
      ...toTokenFormInput(expired),
      expiresOn: '2030-02-01',
      unlimitedQuota: false,
      allowedIps: '127.0.0.1',
    };
    expect(parseTokenEditForm(expired, input, now)).toEqual({
      ok: true,
      value: {
        unlimitedQuota: false,
        remainQuota: 0,
        expiresAt: new Date('2030-02-01T23:59:59').getTime(),
        allowedIps: ['127.0.0.1'],
      },
    });
    const past = parseTokenEditForm(expired, { ...input, expiresOn: '2029-12-01' }, now);
    expect(past.ok).toBe(false);
  });
});

describe('user forms', () => {
  it('checks a new user like the server does', () => {
    expect(
      parseUserForm({ username: 'al', password: 'short', displayName: '', role: 'user' }),
    ).toEqual({
      ok: false,
      errors: { username: expect.any(String), password: expect.any(String) },
    });
    expect(
      parseUserForm({ username: 'alice', password: 'long-enough', displayName: ' ', role: 'user' }),
    ).toEqual({ ok: true, value: { username: 'alice', password: 'long-enough', role: 'user' } });
  });

  it('wants a non-zero whole amount and a reason for a top-up', () => {
    expect(parseTopUpForm({ amount: '0', reason: '' }).ok).toBe(false);
    expect(parseTopUpForm({ amount: '-500', reason: ' refund ' })).toEqual({
      ok: true,
      value: { amount: -500, reason: 'refund' },
    });
  });
});
