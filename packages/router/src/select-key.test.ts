import { describe, expect, it } from 'vitest';
import { ChannelHealth } from './health/channel-health';
import { DEFAULT_BREAKER } from './health/circuit-breaker';
import { createSeededRandom } from './random';
import { selectKey } from './select-key';

const health = () => new ChannelHealth(1, ['a', 'b', 'c'], DEFAULT_BREAKER, DEFAULT_BREAKER);
const random = createSeededRandom(3);

describe('selectKey', () => {
  it('rotates round robin and skips disabled and cooling keys', () => {
    const channel = health();
    expect([0, 0, 0, 0].map(() => selectKey(channel, 'round_robin', 0, random, []))).toEqual([
      0, 1, 2, 0,
    ]);
    (channel.keys[1] as { disabledReason: unknown }).disabledReason = 'upstream_auth_failed';
    (channel.keys[2] as { cooldownUntil: number }).cooldownUntil = 1000;
    expect([0, 0, 0].map(() => selectKey(channel, 'round_robin', 10, random, []))).toEqual([
      0, 0, 0,
    ]);
    expect(selectKey(channel, 'round_robin', 1000, random, [0])).toBe(2);
  });

  it('spreads random rotation over every key', () => {
    const channel = health();
    const seen = new Set(
      Array.from({ length: 60 }, () => selectKey(channel, 'random', 0, random, [])),
    );
    expect(seen).toEqual(new Set([0, 1, 2]));
  });

  it('falls back to the soonest-recovering live key, and -1 when all are dead or tried', () => {
    const channel = health();
    channel.keys.forEach((key, index) => {
      key.cooldownUntil = [500, 200, 900][index] as number;
    });
    expect(selectKey(channel, 'round_robin', 0, random, [])).toBe(1);
    expect(selectKey(channel, 'round_robin', 0, random, [0, 1, 2])).toBe(-1);
    for (const key of channel.keys) key.disabledReason = 'upstream_quota_exhausted';
    expect(selectKey(channel, 'round_robin', 0, random, [])).toBe(-1);
  });
});
