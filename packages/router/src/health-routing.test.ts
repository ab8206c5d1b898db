import { describe, expect, it } from 'vitest';
import { createManualClock } from './clock';
import { createRouter } from './create-router';
import type { HealthEvent } from './health/health-events';
import type { AttemptCall } from './ports';
import { createStaticChannelSource } from './static-channel-source';
import {
  createFakeExecutor,
  type FakeOutcome,
  makeChannel,
  request,
  setupRouter,
  upstreamError,
} from './testing/test-helpers';

const ctx = { group: 'default' };
const down =
  (ids: Set<number>) =>
  (call: AttemptCall): FakeOutcome =>
    ids.has(call.channel.id) ? { fail: upstreamError('upstream_server_error') } : { ok: 'ok' };

describe('health in routing', () => {
  it('ejects a failing channel, probes it half-open after 30 s and closes on success', async () => {
    const broken = new Set([1]);
    const { router, clock, events } = setupRouter(
      [makeChannel(1, { priority: 10 }), makeChannel(2), makeChannel(3)],
      down(broken),
      { maxRetries: 1 },
    );
    for (let i = 0; i < 5; i++) await router.dispatch(request(), ctx);
    expect(events.map((event) => event.type)).toEqual(['breaker_opened']);
    // While open, channel 1 is skipped outright.
    const skipped = await router.dispatch(request(), ctx);
    expect(skipped.attempts.map((a) => a.channelId)).not.toContain(1);
    broken.clear();
    clock.advance(30_000);
    const probe = await router.dispatch(request(), ctx);
    expect(probe.attempts.map((a) => a.channelId)).toEqual([1]);
    expect(events.map((event) => event.type)).toEqual([
      'breaker_opened',
      'breaker_half_open',
      'breaker_closed',
    ]);
  });

  it('panic-routes to the least bad channel when every channel is unhealthy', async () => {
    const broken = new Set([1, 2]);
    const { router, events } = setupRouter([makeChannel(1), makeChannel(2)], down(broken), {
      maxRetries: 1,
      maxEjectionPercent: 100,
    });
    for (let i = 0; i < 10; i++) await router.dispatch(request(), ctx).catch(() => {});
    expect(events.filter((event) => event.type === 'breaker_opened')).toHaveLength(2);
    broken.clear();
    const rescued = await router.dispatch(request(), ctx);
    expect(rescued.attempts[0]?.route).toBe('panic');
    expect(rescued.attempts[0]?.outcome).toBe('success');
  });

  it('re-enables an auto-disabled channel after a passing periodic test, never a manual one', async () => {
    const clock = createManualClock();
    const events: HealthEvent[] = [];
    let keysWork = false;
    const fake = createFakeExecutor(() =>
      keysWork ? { ok: 'pong' } : { fail: upstreamError('upstream_quota_exhausted') },
    );
    const router = createRouter({
      source: createStaticChannelSource([
        makeChannel(1),
        makeChannel(2, { status: 'manually_disabled' }),
      ]),
      executor: fake.executor,
      clock,
      policy: { channelTest: { intervalMs: 60_000 } },
      onHealthEvent: (event) => events.push(event),
    });
    await router.dispatch(request(), ctx).catch(() => {});
    expect(events.map((event) => event.type)).toEqual(['key_disabled', 'channel_disabled']);
    await expect(router.dispatch(request(), ctx)).rejects.toMatchObject({
      code: 'no_channel_available',
    });
    keysWork = true;
    clock.advance(60_000);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(events.map((event) => event.type)).toEqual([
      'key_disabled',
      'channel_disabled',
      'key_enabled',
      'channel_enabled',
    ]);
    expect(fake.calls.filter((call) => call.channel.id === 2)).toHaveLength(0);
    expect((await router.dispatch(request(), ctx)).channel.id).toBe(1);
    router.close();
  });

  it("revives a channel's dead keys on an admin's test, sending the mapped test model", async () => {
    const events: HealthEvent[] = [];
    let keysWork = false;
    const fake = createFakeExecutor(() =>
      keysWork ? { ok: 'pong' } : { fail: upstreamError('upstream_auth_failed') },
    );
    const router = createRouter({
      source: createStaticChannelSource([
        makeChannel(1, { keys: ['k0', 'k1'], modelMapping: { 'gpt-4o': 'gpt-4o-2024-08-06' } }),
        makeChannel(2, { status: 'manually_disabled' }),
      ]),
      executor: fake.executor,
      clock: createManualClock(),
      onHealthEvent: (event) => events.push(event),
    });
    await router.dispatch(request(), ctx).catch(() => {});
    expect(events.filter((event) => event.type === 'key_disabled')).toHaveLength(2);
    expect(events.map((event) => event.type)).toContain('channel_disabled');
    keysWork = true;
    const before = events.length;
    const results = await router.testChannel(1);
    expect(results.map((result) => [result.keyIndex, result.ok])).toEqual([
      [0, true],
      [1, true],
    ]);
    expect(fake.calls.at(-1)?.request.model).toBe('gpt-4o-2024-08-06');
    expect(events.slice(before).map((event) => event.type)).toContain('channel_enabled');
    expect((await router.dispatch(request(), ctx)).channel.id).toBe(1);
    await expect(router.testChannel(2)).rejects.toMatchObject({
      code: 'pinned_channel_unavailable',
    });
    router.close();
  });

  it('keeps health across source updates and forgets it when an admin re-enables', async () => {
    const source = createStaticChannelSource([makeChannel(1, { keys: ['a'] })]);
    const fake = createFakeExecutor(() => ({ fail: upstreamError('upstream_auth_failed') }));
    const router = createRouter({ source, executor: fake.executor });
    await router.dispatch(request(), ctx).catch(() => {});
    source.set([makeChannel(1, { keys: ['a'], name: 'renamed' })]);
    await router.reload();
    expect(router.healthSnapshot()[0]?.disabledReason).toBe('all_keys_disabled');
    source.set([makeChannel(1, { keys: ['a'], status: 'auto_disabled' })]);
    source.set([makeChannel(1, { keys: ['a'], status: 'enabled' })]);
    await router.reload();
    expect(router.healthSnapshot()[0]).toMatchObject({ disabledReason: undefined });
    expect(router.healthSnapshot()[0]?.keys[0]?.disabledReason).toBeUndefined();
  });
});
