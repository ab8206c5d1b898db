import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Channel } from './channel';
import { type Candidate, ChannelIndex, type RoutedChannel } from './channel-index';
import { DEFAULT_POLICY } from './policy';
import { createSeededRandom } from './random';
import { selectChannel } from './select-channel';
import { leastCostStrategy } from './strategies/least-cost';
import { leastLatencyStrategy } from './strategies/least-latency';
import type { SelectionStrategy } from './strategies/selection-strategy';
import { hashSessionKey } from './strategies/sticky';
import { weightedStrategy } from './strategies/weighted';
import { makeChannel } from './testing/test-helpers';

function indexOf(channels: Channel[]) {
  return new ChannelIndex(channels, new Map(), DEFAULT_POLICY);
}

function draw(
  index: ChannelIndex,
  times: number,
  strategy: SelectionStrategy = weightedStrategy,
  tried: RoutedChannel[] = [],
) {
  const tiers = index.tiers('default', 'gpt-4o') ?? [];
  const random = createSeededRandom(42);
  const counts = new Map<number, number>();
  const scratch: Candidate[] = [];
  for (let i = 0; i < times; i++) {
    const picked = selectChannel(tiers, tried, 0, strategy, random, undefined, scratch);
    const id = picked?.candidate.channel.id ?? -1;
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

function chiSquare(observed: number[], expectedShares: number[]): number {
  const total = observed.reduce((a, b) => a + b, 0);
  return observed.reduce((sum, count, i) => {
    const expected = total * (expectedShares[i] as number);
    return sum + (count - expected) ** 2 / expected;
  }, 0);
}

describe('selectChannel', () => {
  it('uses only the highest priority tier while it has healthy channels', () => {
    const index = indexOf([
      makeChannel(1, { priority: 0, weight: 100 }),
      makeChannel(2, { priority: 10 }),
      makeChannel(3, { priority: 10 }),
    ]);
    const counts = draw(index, 1000);
    expect(counts.get(1)).toBeUndefined();
    expect((counts.get(2) ?? 0) + (counts.get(3) ?? 0)).toBe(1000);
  });

  it('falls through to the next tier when the top tier is all tried', () => {
    const index = indexOf([makeChannel(1, { priority: 0 }), makeChannel(2, { priority: 10 })]);
    const tried = [index.channel(2) as RoutedChannel];
    expect(draw(index, 50, weightedStrategy, tried).get(1)).toBe(50);
  });

  // Chi-square critical values at p = 0.001: 10.83 for 1 degree of freedom, 13.82 for 2.
  it('shares traffic exactly by weight: 3:1 over 400 requests (chi-square, p > 0.001)', () => {
    const index = indexOf([makeChannel(1, { weight: 3 }), makeChannel(2, { weight: 1 })]);
    const counts = draw(index, 400);
    const observed = [1, 2].map((id) => counts.get(id) ?? 0);
    expect(chiSquare(observed, [3 / 4, 1 / 4])).toBeLessThan(10.83);
  });

  it('shares traffic by weight among three channels (chi-square, p > 0.001)', () => {
    const index = indexOf([
      makeChannel(1, { weight: 10 }),
      makeChannel(2, { weight: 30 }),
      makeChannel(3, { weight: 60 }),
    ]);
    const counts = draw(index, 20_000);
    const observed = [1, 2, 3].map((id) => counts.get(id) ?? 0);
    expect(chiSquare(observed, [0.1, 0.3, 0.6])).toBeLessThan(13.82);
  });

  it('gives weight 0 nothing beside positive weights, and serves it once they are tried', () => {
    const index = indexOf([makeChannel(1, { weight: 0 }), makeChannel(2, { weight: 90 })]);
    expect(draw(index, 1_000).get(1)).toBeUndefined();
    const tried = [index.channel(2) as RoutedChannel];
    expect(draw(index, 50, weightedStrategy, tried).get(1)).toBe(50);
  });

  it('shares a tier of all-zero weights equally (chi-square, p > 0.001)', () => {
    const index = indexOf([1, 2, 3].map((id) => makeChannel(id, { weight: 0 })));
    for (const strategy of [weightedStrategy, leastCostStrategy, leastLatencyStrategy]) {
      const counts = draw(index, 600, strategy);
      const observed = [1, 2, 3].map((id) => counts.get(id) ?? 0);
      expect(chiSquare(observed, [1 / 3, 1 / 3, 1 / 3])).toBeLessThan(13.82);
    }
  });

  it('never picks a tried channel, and always from the best tier left (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ priority: fc.integer({ min: 0, max: 3 }), weight: fc.nat(50) }), {
          minLength: 1,
          maxLength: 12,
        }),
        fc.array(fc.nat(11), { maxLength: 12 }),
        fc.nat(),
        (specs, triedIds, seed) => {
          const index = indexOf(specs.map((spec, id) => makeChannel(id, spec)));
          const tried = triedIds.flatMap((id) => index.channel(id) ?? []);
          const tiers = index.tiers('default', 'gpt-4o') ?? [];
          const random = createSeededRandom(seed);
          const picked = selectChannel(tiers, tried, 0, weightedStrategy, random, undefined, []);
          const untried = specs.filter((_, id) => !tried.some((r) => r.channel.id === id));
          if (untried.length === 0) return picked === undefined;
          const best = Math.max(...untried.map((spec) => spec.priority));
          return (
            picked !== undefined &&
            !tried.includes(picked.candidate.routed) &&
            (picked.candidate.channel.priority ?? 0) === best
          );
        },
      ),
    );
  });

  it('least-latency prefers the channel with the lower EWMA', () => {
    const index = indexOf([makeChannel(1), makeChannel(2)]);
    (index.channel(1) as RoutedChannel).health.latencyMs = 900;
    (index.channel(2) as RoutedChannel).health.latencyMs = 100;
    const counts = draw(index, 1000, leastLatencyStrategy);
    // Two choices: the slow one wins only when drawn twice (1/4 of the time).
    expect(counts.get(2)).toBeGreaterThan(700);
    expect(counts.get(1)).toBeGreaterThan(180);
  });

  it('least-cost takes the cheapest, weighted among equals', () => {
    const index = indexOf([
      makeChannel(1, { cost: 5 }),
      makeChannel(2, { cost: 1, weight: 10 }),
      makeChannel(3, { cost: 1, weight: 30 }),
      makeChannel(4),
    ]);
    const counts = draw(index, 4000, leastCostStrategy);
    expect(counts.get(1)).toBeUndefined();
    expect(counts.get(4)).toBeUndefined();
    // Channel 2 has weight 10, channel 3 30: 1:3 between the cheapest.
    expect((counts.get(3) ?? 0) / 4000).toBeCloseTo(0.75, 1);
  });

  it('sticky routing keeps a session on one channel and spreads sessions by weight', () => {
    const index = indexOf([1, 2, 3, 4].map((id) => makeChannel(id)));
    const tiers = index.tiers('default', 'gpt-4o') ?? [];
    const random = createSeededRandom(1);
    const pick = (session: string, tried: RoutedChannel[] = []) =>
      selectChannel(tiers, tried, 0, weightedStrategy, random, hashSessionKey(session), [])
        ?.candidate.channel.id;
    const first = pick('user-7');
    for (let i = 0; i < 20; i++) expect(pick('user-7')).toBe(first);
    // When its channel is out, the session moves, and only that session's channel is skipped.
    const moved = pick('user-7', [index.channel(first as number) as RoutedChannel]);
    expect(moved).not.toBe(first);
    const spread = new Set(Array.from({ length: 200 }, (_, i) => pick(`session-${i}`)));
    expect(spread.size).toBe(4);
  });

  it('spreads sticky sessions 3:1 by weight, and all-zero weights evenly (chi-square)', () => {
    const sessionsOver = (channels: Channel[]) => {
      const tiers = indexOf(channels).tiers('default', 'gpt-4o') ?? [];
      const random = createSeededRandom(1);
      const counts = new Map<number, number>();
      for (let i = 0; i < 400; i++) {
        const id = selectChannel(
          tiers,
          [],
          0,
          weightedStrategy,
          random,
          hashSessionKey(`s-${i}`),
          [],
        )?.candidate.channel.id as number;
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      return [1, 2].map((id) => counts.get(id) ?? 0);
    };
    const weighted = sessionsOver([makeChannel(1, { weight: 3 }), makeChannel(2, { weight: 1 })]);
    expect(chiSquare(weighted, [3 / 4, 1 / 4])).toBeLessThan(10.83);
    const even = sessionsOver([makeChannel(1, { weight: 0 }), makeChannel(2, { weight: 0 })]);
    expect(chiSquare(even, [1 / 2, 1 / 2])).toBeLessThan(10.83);
  });
});
