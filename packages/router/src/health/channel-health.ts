import type { Channel, ChannelStatus } from '../channel';
import { type BreakerThresholds, CircuitBreaker } from './circuit-breaker';
import { KeyHealth } from './key-health';
import { ProbeSchedule } from './probe-schedule';

/**
 * Health of one channel, kept across index rebuilds (by channel id) so that a source refresh
 * does not forget breakers, cooldowns and disabled keys.
 */
export class ChannelHealth {
  readonly breaker: CircuitBreaker;
  keys: KeyHealth[];
  /** Why the channel is auto-disabled: all its keys died, or the source says so. */
  disabledReason: 'all_keys_disabled' | 'source' | undefined;
  /** The last key's retirement, for `all_keys_disabled`; the source's reason is the database's. */
  disabledDetail: string | undefined;
  /**
   * When a channel the source says is auto-disabled is next probed, if no key of it is known
   * dead here (another instance retired them, or this one restarted): keys' own schedules
   * drive the rest.
   */
  readonly probe = new ProbeSchedule();
  /** EWMA of time to first byte, ms; undefined until the first success. */
  latencyMs: number | undefined;
  /** Next key for round-robin rotation. */
  keyCursor = 0;
  groups: readonly string[] = [];
  /** The source status last seen, to apply only changes (an admin's re-enable). */
  sourceStatus: ChannelStatus | undefined;
  private keyList: readonly string[];

  constructor(
    readonly channelId: number,
    keys: readonly string[],
    private readonly keyThresholds: BreakerThresholds,
    channelThresholds: BreakerThresholds,
  ) {
    this.breaker = new CircuitBreaker(channelThresholds);
    this.keyList = keys;
    this.keys = keys.map(() => new KeyHealth(keyThresholds));
  }

  /** Fits this record to a refreshed channel: new keys start healthy; status changes apply. */
  sync(channel: Channel): void {
    this.groups = channel.groups;
    if (!sameKeys(this.keyList, channel.keys)) {
      this.keyList = channel.keys;
      this.keys = channel.keys.map(() => new KeyHealth(this.keyThresholds));
      this.keyCursor = 0;
      if (this.disabledReason === 'all_keys_disabled') this.clearDisabled();
    }
    const status = channel.status ?? 'enabled';
    if (status === this.sourceStatus) return;
    const previous = this.sourceStatus;
    this.sourceStatus = status;
    if (status === 'auto_disabled') this.disabledReason ??= 'source';
    // An admin re-enabled it: forget what health had decided.
    if (status === 'enabled' && previous !== undefined) this.revive();
  }

  selectable(now: number): boolean {
    return this.disabledReason === undefined && this.breaker.canPass(now) && this.hasUsableKey(now);
  }

  hasUsableKey(now: number): boolean {
    for (const key of this.keys) if (key.usable(now)) return true;
    return false;
  }

  liveKeyCount(): number {
    let live = 0;
    for (const key of this.keys) if (key.disabledReason === undefined) live++;
    return live;
  }

  /** When the channel could next take traffic: for ordering the least bad ones in panic. */
  availableAt(): number {
    let keyAt = Number.POSITIVE_INFINITY;
    for (const key of this.keys) keyAt = Math.min(keyAt, key.availableAt());
    const breakerAt = this.breaker.state === 'open' ? this.breaker.openUntil : 0;
    return Math.max(keyAt, breakerAt);
  }

  revive(): void {
    this.clearDisabled();
    this.breaker.reset();
    for (const key of this.keys) {
      key.disabledReason = undefined;
      key.disabledDetail = undefined;
      key.probe.clear();
      key.cooldownUntil = 0;
      key.breaker.reset();
    }
  }

  clearDisabled(): void {
    this.disabledReason = undefined;
    this.disabledDetail = undefined;
    this.probe.clear();
  }
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
