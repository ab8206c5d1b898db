import { describe, expect, it } from 'vitest';
import { createMemoryCounterStore } from './memory-counter-store';
import { ipRateLimitRules, relayRateLimitRules } from './rate-limit-policy';
import { formatResetDuration, rateLimitHeaders, toRateLimitError } from './rate-limit-response';

describe('rate-limit rules and responses', () => {
  it('builds RPM and TPM rules per token, user, group and model', () => {
    const rules = relayRateLimitRules(
      {
        token: { rpm: 60 },
        user: { rpm: 100, tpm: 10_000 },
        groups: { vip: { rpm: 1_000 } },
        models: { 'gpt-4o': { tpm: 90_000 } },
      },
      { tokenId: 7, userId: 3, group: 'vip', model: 'gpt-4o', estimatedTokens: 1_234.5 },
    );
    expect(rules.map((rule) => [rule.key, rule.limit, rule.cost])).toEqual([
      ['token:7:rpm', 60, 1],
      ['user:3:rpm', 100, 1],
      ['user:3:tpm', 10_000, 1_235],
      ['group:vip:rpm', 1_000, 1],
      ['model:gpt-4o:tpm', 90_000, 1_235],
    ]);
    expect(ipRateLimitRules({ loginIpRpm: 10 }, 'login', '10.0.0.1')).toEqual([
      { key: 'ip:login:10.0.0.1', unit: 'requests', limit: 10, windowMs: 60_000, cost: 1 },
    ]);
    expect(ipRateLimitRules({}, 'admin', '10.0.0.1')).toEqual([]);
  });

  it('sends OpenAI x-ratelimit-* headers, Retry-After and a 429 in OpenAI shape', async () => {
    let now = 0;
    const limiter = createMemoryCounterStore({ now: () => now });
    const rules = relayRateLimitRules(
      { token: { rpm: 1, tpm: 100 } },
      { tokenId: 1, userId: 1, group: 'default', model: 'm', estimatedTokens: 40 },
    );
    const allowed = await limiter.hit(rules);
    expect(rateLimitHeaders(allowed)).toEqual({
      'x-ratelimit-limit-requests': '1',
      'x-ratelimit-remaining-requests': '0',
      'x-ratelimit-reset-requests': '1m0s',
      'x-ratelimit-limit-tokens': '100',
      'x-ratelimit-remaining-tokens': '60',
      'x-ratelimit-reset-tokens': '1m0s',
    });
    now = 59_500;
    const refused = await limiter.hit(rules);
    expect(rateLimitHeaders(refused)['retry-after']).toBe('1');
    const error = toRateLimitError(refused);
    expect(error.status).toBe(429);
    expect(error.toOpenAIError().error).toMatchObject({
      type: 'rate_limit_exceeded',
      code: 'rate_limited',
    });
    expect(error.message).toContain('token:1:rpm');
    expect(formatResetDuration(250)).toBe('0.25s');
    expect(formatResetDuration(361_000)).toBe('6m1s');
  });
});
