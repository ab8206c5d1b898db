import { describe, expect, it } from 'vitest';
import type { RateLimitRule } from './counter-store';
import { createMemoryCounterStore } from './memory-counter-store';

const rpm = (key: string, limit: number): RateLimitRule => ({
  key,
  unit: 'requests',
  limit,
  windowMs: 60_000,
  cost: 1,
});

describe('in-process sliding-window limiter', () => {
  it('never admits more than the limit in any window, and slides', async () => {
    let now = 0;
    const limiter = createMemoryCounterStore({ now: () => now });
    const admitted: number[] = [];
    // One attempt every 0.5 s for 3 minutes against 10 per minute.
    for (now = 0; now < 180_000; now += 500) {
      if ((await limiter.hit([rpm('t', 10)])).allowed) admitted.push(now);
    }
    for (const start of admitted) {
      expect(
        admitted.filter((at) => at >= start && at < start + 60_000).length,
      ).toBeLessThanOrEqual(10);
    }
    expect(admitted).toHaveLength(30);
  });

  it('reports remaining, reset and the wait until room frees up', async () => {
    let now = 1_000;
    const limiter = createMemoryCounterStore({ now: () => now });
    await limiter.hit([rpm('k', 2)]);
    now = 21_000;
    const second = await limiter.hit([rpm('k', 2)]);
    expect(second.states[0]).toMatchObject({ used: 2, remaining: 0, resetMs: 60_000 });
    now = 31_000;
    const refused = await limiter.hit([rpm('k', 2)]);
    expect(refused).toMatchObject({ allowed: false, retryAfterMs: 30_000 });
    expect(refused.blockedBy?.key).toBe('k');
    now = 61_000; // the first hit has left the window
    expect((await limiter.hit([rpm('k', 2)])).allowed).toBe(true);
  });

  it('counts a request against every rule or none', async () => {
    const limiter = createMemoryCounterStore({ now: () => 0 });
    const tpm = (cost: number): RateLimitRule => ({
      key: 'tpm',
      unit: 'tokens',
      limit: 1_000,
      windowMs: 60_000,
      cost,
    });
    expect((await limiter.hit([rpm('rpm', 5), tpm(800)])).allowed).toBe(true);
    const refused = await limiter.hit([rpm('rpm', 5), tpm(300)]);
    expect(refused.allowed).toBe(false);
    expect(refused.blockedBy?.key).toBe('tpm');
    // The refused request consumed nothing, not even on the rule it passed.
    expect(refused.states[0]).toMatchObject({ used: 1, remaining: 4 });
    expect((await limiter.hit([rpm('rpm', 5), tpm(200)])).allowed).toBe(true);
  });

  it('caps concurrency, frees slots on release and on lease expiry', async () => {
    let now = 0;
    const limiter = createMemoryCounterStore({ now: () => now });
    const first = await limiter.acquire('token:1', 2, 10_000);
    const second = await limiter.acquire('token:1', 2, 10_000);
    expect(first && second).toBeTruthy();
    expect(await limiter.acquire('token:1', 2, 10_000)).toBeNull();
    await first!.release();
    expect(await limiter.acquire('token:1', 2, 10_000)).not.toBeNull();
    now = 20_000; // both leases expired: a crashed request cannot hold a slot forever
    expect(await limiter.acquire('token:1', 2, 10_000)).not.toBeNull();
  });
});
