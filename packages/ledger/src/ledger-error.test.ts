import { describe, expect, it } from 'vitest';
import { LedgerError } from './ledger-error';

describe('LedgerError', () => {
  it('takes status and type from one table and renders the OpenAI shape', () => {
    const error = new LedgerError('insufficient_quota', 'Your quota is not enough');
    expect(error).toMatchObject({ status: 403, type: 'insufficient_quota', name: 'LedgerError' });
    expect(error.toOpenAIError()).toEqual({
      error: {
        message: 'Your quota is not enough',
        type: 'insufficient_quota',
        code: 'insufficient_quota',
      },
    });
    expect(new LedgerError('rate_limited', 'slow down', { retryAfterSeconds: 3 })).toMatchObject({
      status: 429,
      type: 'rate_limit_exceeded',
      retryAfterSeconds: 3,
    });
  });
});
