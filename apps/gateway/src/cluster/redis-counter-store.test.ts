import { randomUUID } from 'node:crypto';
import {
  createCounterMetrics,
  createFallbackCounterStore,
  createMemoryCounterStore,
  type RateLimitRule,
} from '@oneapi/ledger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisCounterStore, type RedisCounterStore } from './redis-counter-store';

const url = process.env.TEST_REDIS_URL;
const title = url
  ? 'Redis rate limiter shared by two instances'
  : 'Redis rate limiter shared by two instances (skipped: TEST_REDIS_URL is not set, e.g. TEST_REDIS_URL=redis://127.0.0.1:6379)';

describe.skipIf(!url)(title, () => {
  // A prefix per run, so parallel suites and earlier runs never share keys.
  const keyPrefix = `oneapi-test:${randomUUID()}:`;
  // A generous timeout: the suite measures accuracy, not latency, on a busy CI machine.
  const open = () => createRedisCounterStore({ url: url!, keyPrefix, commandTimeoutMs: 1_000 });
  const instances: RedisCounterStore[] = [open(), open()];
  beforeAll(async () => {
    await Promise.all(instances.map((instance) => instance.ready()));
  });
  afterAll(async () => {
    await Promise.all(instances.map((instance) => instance.close()));
  });

  const rule = (key: string, limit: number, windowMs = 60_000, cost = 1): RateLimitRule => ({
    key,
    unit: 'requests',
    limit,
    windowMs,
    cost,
  });

  it('admits exactly the RPM across both instances under a burst', async () => {
    const decisions = await Promise.all(
      Array.from({ length: 120 }, (_, index) => instances[index % 2]!.hit([rule('burst', 25)])),
    );
    expect(decisions.filter((decision) => decision.allowed)).toHaveLength(25);
    const refused = decisions.find((decision) => !decision.allowed)!;
    expect(refused.retryAfterMs).toBeGreaterThan(50_000);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(60_000);
  });

  it('slides: room comes back as old requests leave the window', async () => {
    const key = 'slide';
    for (let index = 0; index < 3; index++) {
      expect((await instances[index % 2]!.hit([rule(key, 3, 400)])).allowed).toBe(true);
    }
    const refused = await instances[0]!.hit([rule(key, 3, 400)]);
    expect(refused.allowed).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, refused.retryAfterMs + 20));
    expect((await instances[1]!.hit([rule(key, 3, 400)])).allowed).toBe(true);
  });

  it('counts a request against every rule or none, with token costs', async () => {
    const tokens = (cost: number): RateLimitRule => ({
      ...rule('tpm', 1_000, 60_000, cost),
      unit: 'tokens',
    });
    expect((await instances[0]!.hit([rule('rpm-a', 10), tokens(900)])).allowed).toBe(true);
    const refused = await instances[1]!.hit([rule('rpm-a', 10), tokens(200)]);
    expect(refused).toMatchObject({ allowed: false });
    expect(refused.blockedBy?.key).toBe('tpm');
    expect(refused.states.map((state) => state.used)).toEqual([1, 900]);
    expect((await instances[1]!.hit([rule('rpm-a', 10), tokens(100)])).allowed).toBe(true);
  });

  it('shares a concurrency cap between instances', async () => {
    const leases = await Promise.all(
      Array.from({ length: 10 }, (_, index) => instances[index % 2]!.acquire('token:9', 3, 5_000)),
    );
    const held = leases.filter((lease) => lease !== null);
    expect(held).toHaveLength(3);
    await held[0]!.release();
    expect(await instances[1]!.acquire('token:9', 3, 5_000)).not.toBeNull();
  });

  it('does not fall back while Redis answers', async () => {
    const metrics = createCounterMetrics();
    const limiter = createFallbackCounterStore({
      primary: instances[0]!,
      fallback: createMemoryCounterStore(),
      metrics,
      timeoutMs: 1_000,
    });
    for (let index = 0; index < 5; index++) await limiter.hit([rule('healthy', 100)]);
    expect(metrics.get('rate_limit_redis_fallbacks')).toBe(0);
  });
});
