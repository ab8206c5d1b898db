import { describe, expect, it } from 'vitest';
import {
  parseSecondFactorCode,
  parseTotpCode,
  parseTotpDisableForm,
} from './parse-two-factor-forms';

describe('two-factor code forms', () => {
  it('takes 6 digits with spaces, or a recovery code, and nothing else', () => {
    expect(parseSecondFactorCode({ code: '123 456' })).toEqual({
      ok: true,
      value: { code: '123456' },
    });
    expect(parseSecondFactorCode({ code: 'k7m2p-x9qrt' })).toMatchObject({ ok: true });
    expect(parseSecondFactorCode({ code: '12345' })).toMatchObject({ ok: false });
    expect(parseTotpCode({ code: 'k7m2p-x9qrt' })).toMatchObject({ ok: false });
    expect(parseTotpCode({ code: ' 654321 ' })).toEqual({ ok: true, value: { code: '654321' } });
  });
});

describe('the form that turns two-factor off', () => {
  it('sends the code when one is typed, else the password', () => {
    expect(parseTotpDisableForm({ code: '', password: 'secret' })).toEqual({
      ok: true,
      value: { password: 'secret' },
    });
    expect(parseTotpDisableForm({ code: '123456', password: 'secret' })).toEqual({
      ok: true,
      value: { code: '123456' },
    });
    expect(parseTotpDisableForm({ code: '', password: '' })).toMatchObject({ ok: false });
  });
});
