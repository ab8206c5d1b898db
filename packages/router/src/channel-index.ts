import type { Channel, KeyRotation } from './channel';
import { ChannelHealth } from './health/channel-health';
import type { BreakerThresholds } from './health/circuit-breaker';
import { compileModelMapping } from './model-mapping';
import { resolveTimeouts, type Timeouts } from './timeouts';

/** A channel with what the router derived from it once per rebuild. */
export class RoutedChannel {
  constructor(
    readonly channel: Channel,
    readonly health: ChannelHealth,
    readonly timeouts: Timeouts,
    readonly keyRotation: KeyRotation,
  ) {}
}

/** One channel in one (group, model) pool: what selection strategies compare. */
export class Candidate {
  constructor(
    readonly routed: RoutedChannel,
    /** The name sent upstream for this pool's model. */
    readonly upstreamModel: string,
    /** The channel's weight, 0 or more: its share of its tier (see `pickWeighted`). */
    readonly weight: number,
  ) {}

  get channel(): Channel {
    return this.routed.channel;
  }

  /** EWMA of time to first byte, ms; undefined before the first success. */
  get latencyMs(): number | undefined {
    return this.routed.health.latencyMs;
  }
}

/** Channels of equal priority in a pool. */
export interface Tier {
  readonly priority: number;
  readonly candidates: readonly Candidate[];
}

export interface IndexSettings {
  readonly timeouts: Timeouts;
  readonly keyRotation: KeyRotation;
  readonly breaker: BreakerThresholds;
  readonly keyBreaker: BreakerThresholds;
}

/**
 * (group, model) -> tiers, highest priority first. Built when the source changes, so that a
 * lookup is two Map reads with no string building. Manually disabled channels are left out
 * entirely; auto-disabled ones stay in (skipped by health) so that a test can bring them back.
 */
export class ChannelIndex {
  private readonly pools = new Map<string, Map<string, Tier[]>>();
  private readonly byId = new Map<number, RoutedChannel>();
  readonly channels: RoutedChannel[] = [];
  /** Each group's channel health records, for the max ejection limit. */
  readonly groupMembers = new Map<string, ChannelHealth[]>();

  constructor(
    channels: readonly Channel[],
    previous: ReadonlyMap<number, ChannelHealth>,
    settings: IndexSettings,
  ) {
    const building = new Map<string, Map<string, Candidate[]>>();
    for (const channel of channels) {
      if (channel.status === 'manually_disabled' || channel.keys.length === 0) continue;
      const health =
        previous.get(channel.id) ??
        new ChannelHealth(channel.id, channel.keys, settings.keyBreaker, settings.breaker);
      health.sync(channel);
      const routed = new RoutedChannel(
        channel,
        health,
        resolveTimeouts(settings.timeouts, channel.timeouts),
        channel.keyRotation ?? settings.keyRotation,
      );
      this.channels.push(routed);
      this.byId.set(channel.id, routed);
      const mapper = compileModelMapping(channel.modelMapping);
      const weight = Math.max(0, channel.weight ?? 0);
      for (const group of channel.groups) {
        getOrCreate(this.groupMembers, group, () => []).push(health);
        const models = getOrCreate(building, group, () => new Map<string, Candidate[]>());
        for (const model of new Set(channel.models)) {
          getOrCreate(models, model, () => []).push(
            new Candidate(routed, mapper.map(model), weight),
          );
        }
      }
    }
    for (const [group, models] of building) {
      const tiered = new Map<string, Tier[]>();
      for (const [model, pool] of models) tiered.set(model, toTiers(pool));
      this.pools.set(group, tiered);
    }
  }

  /** The pool for a group and exposed model, highest priority first; undefined if none. */
  tiers(group: string, model: string): readonly Tier[] | undefined {
    return this.pools.get(group)?.get(model);
  }

  channel(id: number): RoutedChannel | undefined {
    return this.byId.get(id);
  }

  /** Health records by channel id, to carry over into the next rebuild. */
  healthById(): Map<number, ChannelHealth> {
    return new Map(this.channels.map((routed) => [routed.channel.id, routed.health]));
  }
}

function toTiers(pool: Candidate[]): Tier[] {
  const byPriority = new Map<number, Candidate[]>();
  for (const candidate of pool) {
    getOrCreate(byPriority, candidate.channel.priority ?? 0, () => []).push(candidate);
  }
  return [...byPriority.entries()]
    .sort(([a], [b]) => b - a)
    .map(([priority, candidates]) => ({ priority, candidates }));
}

function getOrCreate<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}
