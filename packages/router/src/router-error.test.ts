import { AdapterError } from '@oneapi/adapters';
import { describe, expect, it } from 'vitest';
import { RouterError } from './router-error';

describe('RouterError.toOpenAIError', () => {
  it('names the field at fault only when the upstream rejected the request itself', () => {
    const rejected = new RouterError('upstream_rejected', 'rejected', {
      lastError: new AdapterError('invalid_request', 'Upstream error 400: bad', {
        param: 'max_tokens',
      }),
    });
    expect(rejected.toOpenAIError().error).toEqual({
      message: 'Upstream error 400: bad',
      type: 'invalid_request_error',
      param: 'max_tokens',
      code: 'invalid_request',
    });
    // A 429 or 5xx has no field at fault, whatever the upstream put in `param`.
    const exhausted = new RouterError('all_attempts_failed', 'failed', {
      lastError: new AdapterError('rate_limited', 'Upstream error 429: slow down', {
        param: 'messages',
      }),
    });
    expect(exhausted.toOpenAIError().error).toEqual({
      message: 'Upstream error 429: slow down',
      type: 'upstream_error',
      param: null,
      code: 'rate_limited',
    });
  });
});
