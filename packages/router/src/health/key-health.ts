import type { AdapterErrorCode } from '@oneapi/adapters';
import { type BreakerThresholds, CircuitBreaker } from './circuit-breaker';

/** Health of one key of a channel: disabled for good, resting after a 429, or breaker-guarded. */
export class KeyHealth {
  /** Set from the adapter's `key_fatal` classification; cleared only by a passing channel test. */
  disabledReason: AdapterErrorCode | undefined;
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
