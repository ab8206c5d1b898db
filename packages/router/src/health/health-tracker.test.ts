import { describe, expect, it } from 'vitest';
import { createManualClock } from '../clock';
import { upstreamError } from '../testing/test-helpers';
import { ChannelHealth } from './channel-health';
import { DEFAULT_BREAKER } from './circuit-breaker';
import { EjectionLimit } from './ejection';
import type { HealthEvent } from './health-events';
import { HealthTracker } from './health-tracker';
import { DEFAULT_REVIVAL } from './probe-schedule';

function setup(maxEjectionPercent = 50) {
  const clock = createManualClock(1000);
  const events: HealthEvent[] = [];
  const ejection = new EjectionLimit(maxEjectionPercent);
  const tracker = new HealthTracker({
    clock,
    ejection,
    onEvent: (event) => events.push(event),
    rateLimitCooldownMs: 5000,
    maxCooldownMs: 300_000,
    latencyAlpha: 0.5,
    revival: DEFAULT_REVIVAL,
  });
  const channel = (id: number, keys = ['k']) => {
    const health = new ChannelHealth(id, keys, DEFAULT_BREAKER, DEFAULT_BREAKER);
    health.groups = ['default'];
    return health;
  };
  return { clock, events, ejection, tracker, channel };
}

describe('HealthTracker', () => {
  it('disables a key on key_fatal and the channel once every key is dead', () => {
    const { tracker, events, channel, clock } = setup();
    const health = channel(7, ['a', 'b']);
    tracker.onFailure(health, 0, upstreamError('upstream_auth_failed'));
    expect(health.keys[0]?.disabledReason).toBe('upstream_auth_failed');
    expect(health.selectable(clock.now())).toBe(true);
    tracker.onFailure(health, 1, upstreamError('upstream_quota_exhausted'));
    expect(health.selectable(clock.now())).toBe(false);
    const auth = 'upstream_auth_failed: Upstream error (upstream_auth_failed)';
    const quota = 'upstream_quota_exhausted: Upstream error (upstream_quota_exhausted)';
    expect(events).toEqual([
      {
        type: 'key_disabled',
        channelId: 7,
        keyIndex: 0,
        reason: 'upstream_auth_failed',
        detail: auth,
        at: 1000,
      },
      {
        type: 'key_disabled',
        channelId: 7,
        keyIndex: 1,
        reason: 'upstream_quota_exhausted',
        detail: quota,
        at: 1000,
      },
      {
        type: 'channel_disabled',
        channelId: 7,
        reason: 'all_keys_disabled',
        detail: quota,
        at: 1000,
      },
    ]);
    // Each retired key is probed a minute later (the default revival policy).
    expect(health.keys.map((key) => key.probe.nextAt)).toEqual([61_000, 61_000]);
    // A key problem is not a channel failure.
    expect(health.breaker.consecutiveFailures).toBe(0);
    expect(JSON.stringify(events)).not.toMatch(/"a"|"b"/);
  });

  it('cools a key down for Retry-After on 429, without disabling it', () => {
    const { tracker, events, channel, clock } = setup();
    const health = channel(3);
    tracker.onFailure(health, 0, upstreamError('rate_limited', 20_000));
    expect(health.keys[0]?.disabledReason).toBeUndefined();
    expect(health.selectable(clock.now())).toBe(false);
    clock.advance(19_999);
    expect(health.selectable(clock.now())).toBe(false);
    clock.advance(1);
    expect(health.selectable(clock.now())).toBe(true);
    expect(events).toEqual([
      { type: 'key_cooled_down', channelId: 3, keyIndex: 0, until: 21_000, at: 1000 },
    ]);
  });

  it('uses the default cooldown without Retry-After and caps absurd ones', () => {
    const { tracker, channel } = setup();
    const health = channel(3);
    tracker.onFailure(health, 0, upstreamError('rate_limited'));
    expect(health.keys[0]?.cooldownUntil).toBe(6000);
    tracker.onFailure(health, 0, upstreamError('rate_limited', 86_400_000));
    expect(health.keys[0]?.cooldownUntil).toBe(301_000);
  });

  it('never ejects more than the max share of a group', () => {
    const { tracker, ejection, channel, events } = setup(50);
    const group = [1, 2, 3, 4].map((id) => channel(id));
    ejection.setGroups(new Map([['default', group]]));
    for (const health of group)
      for (let i = 0; i < 5; i++) tracker.onFailure(health, 0, upstreamError('overloaded'));
    expect(group.map((health) => health.breaker.state)).toEqual([
      'open',
      'open',
      'closed',
      'closed',
    ]);
    expect(events.filter((event) => event.type === 'breaker_opened')).toHaveLength(2);
  });

  it('counts client errors as proof of life and aborts as nothing', () => {
    const { tracker, channel } = setup();
    const health = channel(1);
    for (let i = 0; i < 4; i++)
      tracker.onFailure(health, 0, upstreamError('upstream_server_error'));
    tracker.onFailure(health, 0, upstreamError('aborted'));
    expect(health.breaker.consecutiveFailures).toBe(4);
    tracker.onFailure(health, 0, upstreamError('context_length_exceeded'));
    expect(health.breaker.consecutiveFailures).toBe(0);
  });

  it('keeps an EWMA of time to first byte', () => {
    const { tracker, channel } = setup();
    const health = channel(1);
    tracker.onSuccess(health, 0, 100);
    tracker.onSuccess(health, 0, 300);
    expect(health.latencyMs).toBe(200);
  });

  it('swallows a throwing sink', () => {
    const clock = createManualClock();
    const tracker = new HealthTracker({
      clock,
      ejection: new EjectionLimit(50),
      onEvent: () => {
        throw new Error('sink down');
      },
      rateLimitCooldownMs: 1,
      maxCooldownMs: 1,
      latencyAlpha: 0.5,
      revival: DEFAULT_REVIVAL,
    });
    const health = new ChannelHealth(1, ['k'], DEFAULT_BREAKER, DEFAULT_BREAKER);
    expect(() => tracker.onFailure(health, 0, upstreamError('rate_limited'))).not.toThrow();
  });
});
