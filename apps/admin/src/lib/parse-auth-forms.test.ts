import { describe, expect, it } from 'vitest';
import { parseSetupForm, parseSignInForm, parseSignUpForm } from './parse-auth-forms';

describe('parseSetupForm', () => {
  it('trims the token and checks the account', () => {
    expect(parseSetupForm({ setupToken: ' t ', username: 'root', password: '12345678' })).toEqual({
      ok: true,
      value: { setupToken: 't', username: 'root', password: '12345678' },
    });
    const parsed = parseSetupForm({ setupToken: ' ', username: 'ab', password: 'short' });
    expect(parsed.ok ? [] : Object.keys(parsed.errors)).toEqual([
      'setupToken',
      'username',
      'password',
    ]);
  });
});

describe('parseSignInForm', () => {
  it('wants both fields and trims only the username', () => {
    expect(parseSignInForm({ username: ' root ', password: ' p ' })).toEqual({
      ok: true,
      value: { username: 'root', password: ' p ' },
    });
    expect(parseSignInForm({ username: '', password: '' })).toEqual({
      ok: false,
      errors: { username: 'Enter your username', password: 'Enter your password' },
    });
  });
});

describe('parseSignUpForm', () => {
  it('checks the account like the server and leaves out an empty invite code', () => {
    expect(
      parseSignUpForm({ username: 'newbie', password: '12345678', email: '', inviteCode: ' ' }),
    ).toEqual({
      ok: true,
      value: { username: 'newbie', password: '12345678' },
    });
    expect(
      parseSignUpForm({
        username: 'newbie',
        password: '12345678',
        email: '',
        inviteCode: ' Ab3dE5 ',
      }),
    ).toEqual({
      ok: true,
      value: { username: 'newbie', password: '12345678', inviteCode: 'Ab3dE5' },
    });
    expect(
      parseSignUpForm({
        username: 'newbie',
        password: '12345678',
        email: ' a@b.co ',
        inviteCode: '',
      }),
    ).toEqual({ ok: true, value: { username: 'newbie', password: '12345678', email: 'a@b.co' } });
    const parsed = parseSignUpForm({
      username: 'a b',
      password: 'short',
      email: 'not-an-address',
      inviteCode: 'x'.repeat(33),
    });
    expect(parsed.ok ? [] : Object.keys(parsed.errors)).toEqual([
      'username',
      'password',
      'email',
      'inviteCode',
    ]);
  });
});
