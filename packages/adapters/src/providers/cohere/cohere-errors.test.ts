import { describe, expect, it } from 'vitest';
import { cohereAdapter } from './cohere-adapter';

const parse = (status: number, body: string, headers: Record<string, string> = {}) =>
  cohereAdapter.parseError({ status, body, headers: new Headers(headers) });

describe('parseCohereError', () => {
  it('maps statuses and keeps the provider message', () => {
    const error = parse(401, '{"id":"x","message":"invalid api token"}');
    expect(error.code).toBe('upstream_auth_failed');
    expect(error.message).toBe('Upstream error 401: invalid api token');
    expect(parse(498, '{"message":"invalid token"}').code).toBe('upstream_auth_failed');
    expect(parse(404, '{"message":"model \'x\' not found"}').code).toBe('model_not_found');
    expect(parse(500, 'not json').message).toBe('Upstream error 500: not json');
  });

  it('reads Retry-After on 429', () => {
    const error = parse(429, '{"message":"trial key limit"}', { 'retry-after': '3' });
    expect(error.code).toBe('rate_limited');
    expect(error.retryAfterMs).toBe(3000);
  });

  it('recognises a context overflow in a 400', () => {
    const body =
      '{"message":"too many tokens: total number of tokens in the prompt cannot exceed 128000"}';
    expect(parse(400, body).code).toBe('context_length_exceeded');
    expect(parse(400, '{"message":"invalid request: p must be <= 0.99"}').code).toBe(
      'invalid_request',
    );
  });
});
