import { describe, expect, it } from 'vitest';
import {
  parseEmailForm,
  parseForgotPasswordForm,
  parseNewPasswordForm,
} from './parse-account-mail-forms';

describe('the mailed-link forms', () => {
  it('wants an address to send a reset link to', () => {
    expect(parseForgotPasswordForm({ email: ' ada@example.com ' })).toEqual({
      ok: true,
      value: { email: 'ada@example.com' },
    });
    expect(parseForgotPasswordForm({ email: '' }).ok).toBe(false);
    expect(parseForgotPasswordForm({ email: 'ada@' }).ok).toBe(false);
  });

  it('takes an empty profile email as removing it', () => {
    expect(parseEmailForm({ email: '  ' })).toEqual({ ok: true, value: { email: null } });
    expect(parseEmailForm({ email: 'no-at-sign' }).ok).toBe(false);
  });

  it('wants the new password twice, the same', () => {
    expect(parseNewPasswordForm({ password: 'long-enough', repeat: 'long-enough' })).toEqual({
      ok: true,
      value: { password: 'long-enough' },
    });
    const differ = parseNewPasswordForm({ password: 'long-enough', repeat: 'long-enougH' });
    expect(differ.ok === false && Object.keys(differ.errors)).toEqual(['repeat']);
    expect(parseNewPasswordForm({ password: 'short', repeat: 'short' }).ok).toBe(false);
  });
});
