import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Channel } from '../channel';
import { ChannelIndex, type RoutedChannel } from '../channel-index';
import { DEFAULT_POLICY } from '../policy';
import { createSeededRandom } from '../random';
import { selectChannel } from '../select-channel';
import { makeChannel } from '../testing/test-helpers';
import { hashSessionKey } from './sticky';
import { weightedStrategy } from './weighted';

const SESSIONS = 2000;
const sessionHashes = Array.from({ length: SESSIONS }, (_, i) => hashSessionKey(`7:h:s-${i}`));

/** Where each session lands over `channels`, with `tried` out of the running. */
function placements(
  channels: Channel[],
  tried: (index: ChannelIndex) => RoutedChannel[] = () => [],
) {
  const index = new ChannelIndex(channels, new Map(), DEFAULT_POLICY);
  const tiers = index.tiers('default', 'gpt-4o') ?? [];
  const random = createSeededRandom(1);
  const out = tried(index);
  return sessionHashes.map(
    (hash) =>
      selectChannel(tiers, out, 0, weightedStrategy, random, hash, [])?.candidate.channel.id,
  );
}

// Channel ids are distinct and weights positive: a set of 2 to 8 channels.
const channelSets = fc
  .uniqueArray(fc.integer({ min: 1, max: 10_000 }), { minLength: 2, maxLength: 8 })
  .chain((ids) =>
    fc.tuple(
      fc.constant(ids),
      fc.array(fc.integer({ min: 1, max: 100 }), { minLength: ids.length, maxLength: ids.length }),
    ),
  )
  .map(([ids, weights]) => ids.map((id, i) => makeChannel(id, { weight: weights[i] as number })));

describe('sticky routing (weighted rendezvous hashing)', () => {
  it('removing one channel moves only the sessions that were on it', () => {
    fc.assert(
      fc.property(channelSets, fc.nat(), (channels, pick) => {
        const removed = channels[pick % channels.length] as Channel;
        const before = placements(channels);
        const after = placements(channels.filter((channel) => channel !== removed));
        expect(after).not.toContain(removed.id);
        // Compared whole: one `expect` per session would be most of the test's time.
        expect(after).toEqual(before.map((id, i) => (id === removed.id ? after[i] : id)));
      }),
      { numRuns: 40 },
    );
  });

  it('a dead channel (tried, or out of rotation) moves its sessions where removing it would', () => {
    fc.assert(
      fc.property(channelSets, fc.nat(), (channels, pick) => {
        const dead = channels[pick % channels.length] as Channel;
        const removed = placements(channels.filter((channel) => channel !== dead));
        const skipped = placements(channels, (index) => [index.channel(dead.id) as RoutedChannel]);
        expect(skipped).toEqual(removed);
      }),
      { numRuns: 40 },
    );
  });

  it('adding a channel moves about its weight share of the sessions, all of them to it', () => {
    fc.assert(
      fc.property(channelSets, fc.integer({ min: 1, max: 100 }), (channels, weight) => {
        const added = makeChannel(20_000, { weight });
        const before = placements(channels);
        const after = placements([...channels, added]);
        const moved = after.filter((id, i) => id !== before[i]).length;
        expect(after).toEqual(before.map((id, i) => (after[i] === added.id ? added.id : id)));
        // Binomial: the share is the new weight over the new total; 5 sigma never flakes.
        const total = channels.reduce((sum, channel) => sum + (channel.weight ?? 0), weight);
        const share = weight / total;
        const sigma = Math.sqrt(SESSIONS * share * (1 - share));
        expect(Math.abs(moved - SESSIONS * share)).toBeLessThanOrEqual(5 * sigma + 1);
      }),
      { numRuns: 40 },
    );
  });

  it('with equal weights, adding the (N+1)th channel moves about 1/(N+1) of the sessions', () => {
    for (let n = 2; n <= 9; n++) {
      const channels = Array.from({ length: n }, (_, i) => makeChannel(i + 1));
      const before = placements(channels);
      const after = placements([...channels, makeChannel(n + 1)]);
      const moved = before.filter((id, i) => after[i] !== id).length;
      const share = 1 / (n + 1);
      const sigma = Math.sqrt(SESSIONS * share * (1 - share));
      expect(Math.abs(moved - SESSIONS * share), `n=${n}: moved ${moved}`).toBeLessThan(5 * sigma);
    }
  });
});
