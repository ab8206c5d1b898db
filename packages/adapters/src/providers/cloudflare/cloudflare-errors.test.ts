import { describe, expect, it } from 'vitest';
import { readFixture } from '../../testing/fixtures';
import { cloudflareAdapter } from './cloudflare-adapter';

const fixture = (name: string) => readFixture(new URL(`./__fixtures__/${name}`, import.meta.url));
const parse = (status: number, body: string, headers: Record<string, string> = {}) =>
  cloudflareAdapter.parseError({ status, body, headers: new Headers(headers) });

describe('parseCloudflareError', () => {
  it('maps code 10000 to upstream_auth_failed (error-auth.json)', () => {
    const error = parse(401, fixture('error-auth.json'));
    expect(error.code).toBe('upstream_auth_failed');
    expect(error.message).toBe('Upstream error 401: 10000 Authentication error');
  });

  it('maps 5007 to model_not_found although the status is 400 (error-no-such-model.json)', () => {
    expect(parse(400, fixture('error-no-such-model.json')).code).toBe('model_not_found');
  });

  it('maps quota, capacity and 429', () => {
    const body = (code: number) =>
      JSON.stringify({ success: false, errors: [{ code, message: 'x' }] });
    expect(parse(429, body(3036)).code).toBe('upstream_quota_exhausted');
    expect(parse(429, body(3040)).code).toBe('overloaded');
    const limited = parse(429, body(1), { 'retry-after': '2' });
    expect(limited.code).toBe('rate_limited');
    expect(limited.retryAfterMs).toBe(2000);
    expect(parse(500, 'oops').message).toBe('Upstream error 500: oops');
  });
});
