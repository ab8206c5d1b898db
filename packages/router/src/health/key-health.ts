import type { AdapterErrorCode } from '@oneapi/adapters';
import { type BreakerThresholds, CircuitBreaker } from './circuit-breaker';
import { ProbeSchedule } from './probe-schedule';

/** Health of one key of a channel: disabled for good, resting after a 429, or breaker-guarded. */
export class KeyHealth {
  /** Set from the adapter's `key_fatal` classification; cleared only by a passing test or probe. */
  disabledReason: AdapterErrorCode | undefined;
  /** What the upstream said when it retired the key (`upstream 401: ...`), keys redacted. */
  disabledDetail: string | undefined;
  /** When a retired key is next probed. */
  readonly probe = new ProbeSchedule();
  cooldownUntil = 0;
  readonly breaker: CircuitBreaker;

  constructor(thresholds: BreakerThresholds) {
    this.breaker = new CircuitBreaker(thresholds);
  }

  usable(now: number): boolean {
    return (
      this.disabledReason === undefined && this.cooldownUntil <= now && this.breaker.canPass(now)
    );
  }

  /** When this key could next be used: for choosing the least bad key in panic. */
  availableAt(): number {
    if (this.disabledReason !== undefined) return Number.POSITIVE_INFINITY;
    const breakerAt = this.breaker.state === 'open' ? this.breaker.openUntil : 0;
    return Math.max(this.cooldownUntil, breakerAt);
  }
}
