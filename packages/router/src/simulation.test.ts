import { describe, expect, it } from 'vitest';
import type { AttemptCall } from './ports';
import { createSeededRandom } from './random';
import {
  type FakeOutcome,
  makeChannel,
  request,
  setupRouter,
  upstreamError,
} from './testing/test-helpers';

// 10,000 sequential requests, 10 ms apart, against scripted failure patterns, in-process.
describe('simulation', () => {
  it('keeps success high and attempts low through an outage, flakiness, 429s and a dead key', async () => {
    const noise = createSeededRandom(99);
    let tick = 0;
    const script = (call: AttemptCall): FakeOutcome => {
      const id = call.channel.id;
      // Channel 1 (top tier) is down for requests 2,000 to 5,000.
      if (id === 1 && tick >= 2000 && tick < 5000) return { fail: upstreamError('overloaded') };
      // Channel 2 fails 10% of the time.
      if (id === 2 && noise.next() < 0.1) return { fail: upstreamError('upstream_server_error') };
      // Channel 3 is rate limited every 500 requests, asking for 2 s of rest.
      if (id === 3 && tick % 500 < 5) return { fail: upstreamError('rate_limited', 2000) };
      // Channel 4's first key has no credit.
      if (id === 4 && call.keyIndex === 0)
        return { fail: upstreamError('upstream_quota_exhausted') };
      return { ok: 'ok' };
    };
    const { router, clock, calls, events } = setupRouter(
      [
        makeChannel(1, { priority: 10, weight: 50 }),
        makeChannel(2, { priority: 10, weight: 50 }),
        makeChannel(3, { priority: 10, weight: 50 }),
        makeChannel(4, { priority: 10, weight: 50, keys: ['k0', 'k1'] }),
        makeChannel(5, { priority: 0 }),
        makeChannel(6, { priority: 0 }),
      ],
      script,
    );
    let succeeded = 0;
    let attempts = 0;
    let outageCallsToChannel1 = 0;
    for (tick = 0; tick < 10_000; tick++) {
      const before = calls.length;
      try {
        const result = await router.dispatch(request(), { group: 'default' });
        succeeded++;
        attempts += result.attempts.length;
      } catch (error) {
        attempts += (error as { attempts: unknown[] }).attempts.length;
      }
      if (tick >= 2000 && tick < 5000)
        outageCallsToChannel1 += calls.slice(before).filter((call) => call.channel.id === 1).length;
      clock.advance(10);
    }
    const successRate = succeeded / 10_000;
    const attemptsPerRequest = attempts / 10_000;
    expect(successRate).toBeGreaterThanOrEqual(0.999);
    expect(attemptsPerRequest).toBeLessThan(1.1);
    // Ejected with backoff, channel 1 sees probes, not a quarter of 3,000 requests.
    expect(outageCallsToChannel1).toBeLessThan(40);
    // It comes back once the outage ends.
    expect(calls.slice(-2000).filter((call) => call.channel.id === 1).length).toBeGreaterThan(300);
    // The dead key is disabled once and never used again; the lower tier is barely touched.
    expect(calls.filter((call) => call.channel.id === 4 && call.keyIndex === 0)).toHaveLength(1);
    expect(events.filter((event) => event.type === 'key_disabled')).toHaveLength(1);
    expect(calls.filter((call) => call.channel.id >= 5).length).toBeLessThan(100);
    console.info(
      `simulation: success ${(successRate * 100).toFixed(2)}%, ${attemptsPerRequest.toFixed(3)} attempts/request, ${outageCallsToChannel1} calls to the down channel during its outage`,
    );
  });
});
