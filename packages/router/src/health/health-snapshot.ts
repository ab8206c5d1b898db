import type { RoutedChannel } from '../channel-index';
import type { BreakerState } from './circuit-breaker';

/** A channel's health for dashboards and the admin API. */
export interface ChannelHealthSnapshot {
  readonly channelId: number;
  readonly disabledReason: string | undefined;
  readonly breaker: BreakerState;
  /** When an open breaker admits a probe, ms. */
  readonly openUntil: number;
  readonly failureRate: number;
  readonly latencyMs: number | undefined;
  readonly keys: readonly KeyHealthSnapshot[];
}

export interface KeyHealthSnapshot {
  readonly keyIndex: number;
  readonly disabledReason: string | undefined;
  readonly cooldownUntil: number;
  readonly breaker: BreakerState;
}

export function snapshotHealth(routed: RoutedChannel, now: number): ChannelHealthSnapshot {
  const health = routed.health;
  return {
    channelId: routed.channel.id,
    disabledReason: health.disabledReason,
    breaker: health.breaker.state,
    openUntil: health.breaker.openUntil,
    failureRate: health.breaker.window.failureRate(now),
    latencyMs: health.latencyMs,
    keys: health.keys.map((key, keyIndex) => ({
      keyIndex,
      disabledReason: key.disabledReason,
      cooldownUntil: key.cooldownUntil,
      breaker: key.breaker.state,
    })),
  };
}
