import { describe, expect, it } from 'vitest';
import { dashscopeAdapter } from './dashscope-adapter';

const parse = (status: number, code: string, message: string) =>
  dashscopeAdapter.parseError({
    status,
    headers: new Headers(),
    body: JSON.stringify({ code, message, request_id: 'r-1' }),
  });

describe('parseDashScopeError', () => {
  it.each([
    [401, 'InvalidApiKey', 'Invalid API-key provided.', 'upstream_auth_failed'],
    [429, 'Throttling.RateQuota', 'Requests rate limit exceeded', 'rate_limited'],
    [400, 'Throttling.AllocationQuota', 'Allocated quota exceeded', 'rate_limited'],
    [
      400,
      'Arrearage',
      'Access denied, please make sure your account is in good standing.',
      'upstream_quota_exhausted',
    ],
    [
      400,
      'DataInspectionFailed',
      'Input data may contain inappropriate content.',
      'content_filter',
    ],
    [
      400,
      'InvalidParameter',
      'Range of input length should be [1, 30720]',
      'context_length_exceeded',
    ],
    [400, 'InvalidParameter', 'Model not exist.', 'model_not_found'],
    [400, 'InvalidParameter', 'temperature must be in [0, 2)', 'invalid_request'],
    [403, 'AccessDenied.Unpurchased', 'Access to model denied.', 'upstream_forbidden'],
    [500, 'InternalError', 'An internal error has occured', 'upstream_server_error'],
  ])('maps %i %s to %s', (status, code, message, expected) => {
    expect(parse(status, code, message).code).toBe(expected);
  });

  it('keeps the code in the message and falls back to the status for unknown bodies', () => {
    expect(parse(401, 'InvalidApiKey', 'Invalid API-key provided.').message).toBe(
      'Upstream error 401: InvalidApiKey: Invalid API-key provided.',
    );
    const error = dashscopeAdapter.parseError({
      status: 503,
      headers: new Headers(),
      body: '<html>',
    });
    expect(error.code).toBe('overloaded');
    expect(error.message).toBe('Upstream error 503: <html>');
  });
});
