import { ADAPTER_ERROR_TRAITS, AdapterError, type AdapterErrorCode } from '@oneapi/adapters';
import { describe, expect, it } from 'vitest';
import { decideRetry } from './retry-policy';

describe('decideRetry', () => {
  const expected: Record<AdapterErrorCode, ReturnType<typeof decideRetry>> = {
    invalid_request: 'stop',
    context_length_exceeded: 'stop',
    content_filter: 'stop',
    model_not_found: 'stop',
    payload_too_large: 'stop',
    aborted: 'stop',
    unsupported: 'stop',
    upstream_auth_failed: 'next_key',
    upstream_quota_exhausted: 'next_key',
    rate_limited: 'next_key',
    upstream_forbidden: 'next_channel',
    overloaded: 'next_channel',
    upstream_server_error: 'next_channel',
    upstream_timeout: 'next_channel',
    upstream_connection_failed: 'next_channel',
    upstream_stream_interrupted: 'next_channel',
    upstream_bad_response: 'next_channel',
  };

  it.each(Object.keys(ADAPTER_ERROR_TRAITS) as AdapterErrorCode[])('%s', (code) => {
    expect(decideRetry(new AdapterError(code, 'x'))).toBe(expected[code]);
  });
});
