import { describe, expect, it } from 'vitest';
import { createCounterMetrics } from '../metrics';
import type { CounterStore, RateLimitRule } from './counter-store';
import { createFallbackCounterStore } from './fallback-counter-store';
import { createMemoryCounterStore } from './memory-counter-store';

const rpm = (limit: number): RateLimitRule => ({
  key: 'shared',
  unit: 'requests',
  limit,
  windowMs: 60_000,
  cost: 1,
});

// The shared store's failure modes, without its driver: the Redis ones are tested in the
// gateway, where that store lives.
const failing: CounterStore = {
  hit: () => Promise.reject(new Error('connection refused')),
  acquire: () => Promise.reject(new Error('connection refused')),
};
const hanging: CounterStore = {
  hit: () => new Promise(() => {}),
  acquire: () => new Promise(() => {}),
};

describe('fallback counter store', () => {
  it.each([
    ['fails', failing],
    ['never answers', hanging],
  ])('counts locally when the primary %s, and says so', async (_, primary) => {
    const metrics = createCounterMetrics();
    const store = createFallbackCounterStore({
      primary,
      fallback: createMemoryCounterStore(),
      metrics,
      timeoutMs: 20,
    });
    const allowed: boolean[] = [];
    for (let index = 0; index < 4; index++) allowed.push((await store.hit([rpm(3)])).allowed);
    expect(allowed).toEqual([true, true, true, false]);
    expect(await store.acquire('token:1', 1, 1_000)).not.toBeNull();
    expect(metrics.get('rate_limit_redis_fallbacks')).toBe(5);
  });

  it('uses the primary while it answers', async () => {
    const metrics = createCounterMetrics();
    const primary = createMemoryCounterStore();
    const store = createFallbackCounterStore({
      primary,
      fallback: createMemoryCounterStore(),
      metrics,
    });
    await store.hit([rpm(2)]);
    await store.hit([rpm(2)]);
    expect((await primary.hit([rpm(2)])).allowed).toBe(false);
    expect(metrics.get('rate_limit_redis_fallbacks')).toBe(0);
  });
});
