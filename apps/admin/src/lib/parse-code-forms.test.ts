import { describe, expect, it } from 'vitest';
import { EMPTY_CODE_BATCH, parseCodeBatch, parseRedeemForm } from './parse-code-forms';

const NOW = new Date('2026-01-01T12:00:00').getTime();

describe('parseCodeBatch', () => {
  it('builds the request body', () => {
    expect(parseCodeBatch({ ...EMPTY_CODE_BATCH, name: ' promo ', count: '2' }, NOW)).toEqual({
      ok: true,
      value: { name: 'promo', quota: 500000, count: 2, expiresAt: null },
    });
    const parsed = parseCodeBatch({ ...EMPTY_CODE_BATCH, name: 'x', expiresOn: '2026-01-02' }, NOW);
    expect(parsed.ok && parsed.value.expiresAt).toBe(new Date('2026-01-02T23:59:59').getTime());
  });

  it('refuses what the server would refuse', () => {
    const parsed = parseCodeBatch(
      { name: '', quota: '0', count: '1001', expiresOn: '2025-12-31' },
      NOW,
    );
    expect(parsed.ok ? [] : Object.keys(parsed.errors)).toEqual([
      'name',
      'quota',
      'count',
      'expiresAt',
    ]);
  });
});

describe('parseRedeemForm', () => {
  it('trims the code and checks its length', () => {
    expect(parseRedeemForm({ code: ' ABCDEFGH12 ' })).toEqual({ ok: true, value: 'ABCDEFGH12' });
    expect(parseRedeemForm({ code: ' ' }).ok).toBe(false);
    expect(parseRedeemForm({ code: 'short' }).ok).toBe(false);
  });
});
