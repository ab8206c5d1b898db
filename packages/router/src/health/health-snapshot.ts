import type { RoutedChannel } from '../channel-index';
import type { BreakerState } from './circuit-breaker';

/** A channel's health for dashboards and the admin API. */
export interface ChannelHealthSnapshot {
  readonly channelId: number;
  readonly disabledReason: string | undefined;
  /** What retired it (`upstream 401: ...`), when health did; keys redacted. */
  readonly disabledDetail: string | undefined;
  /** When an auto-disabled channel with no key known dead here is next probed, ms. */
  readonly nextProbeAt: number | undefined;
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
  /** What the upstream said when it retired the key; keys redacted. */
  readonly disabledDetail: string | undefined;
  /** When a retired key is next probed, ms. */
  readonly nextProbeAt: number | undefined;
  readonly cooldownUntil: number;
  readonly breaker: BreakerState;
}

export function snapshotHealth(routed: RoutedChannel, now: number): ChannelHealthSnapshot {
  const health = routed.health;
  return {
    channelId: routed.channel.id,
    disabledReason: health.disabledReason,
    disabledDetail: health.disabledDetail,
    nextProbeAt: health.probe.nextAt,
    breaker: health.breaker.state,
    openUntil: health.breaker.openUntil,
    failureRate: health.breaker.window.failureRate(now),
    latencyMs: health.latencyMs,
    keys: health.keys.map((key, keyIndex) => ({
      keyIndex,
      disabledReason: key.disabledReason,
      disabledDetail: key.disabledDetail,
      nextProbeAt: key.probe.nextAt,
      cooldownUntil: key.cooldownUntil,
      breaker: key.breaker.state,
    })),
  };
}
