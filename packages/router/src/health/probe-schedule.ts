/** When retired keys and auto-disabled channels are probed, to bring them back by themselves. */
export interface RevivalPolicy {
  /** Wait after the retirement before the first probe, ms; 0 = never probe. */
  readonly initialDelayMs: number;
  /** Each failed probe doubles the wait, up to this, ms. */
  readonly maxDelayMs: number;
}

export const DEFAULT_REVIVAL: RevivalPolicy = { initialDelayMs: 60_000, maxDelayMs: 3_600_000 };

/**
 * The probe backoff of one retired key or auto-disabled channel: first probe
 * `initialDelayMs` after the retirement, then doubling after each failure, capped at
 * `maxDelayMs` (1, 2, 4 ... 60 minutes by default). An upstream key revoked for good costs
 * one small request an hour; one restored by its owner comes back within the current wait.
 */
export class ProbeSchedule {
  /** Clock time of the next probe; undefined: nothing to probe. */
  nextAt: number | undefined;
  /** The wait that led to `nextAt`. */
  delayMs = 0;

  start(now: number, policy: RevivalPolicy): void {
    if (policy.initialDelayMs <= 0) return;
    this.delayMs = Math.min(policy.initialDelayMs, policy.maxDelayMs);
    this.nextAt = now + this.delayMs;
  }

  /** A probe failed (or another instance took this round): wait twice as long. */
  postpone(now: number, policy: RevivalPolicy): void {
    this.delayMs = Math.min(Math.max(this.delayMs * 2, policy.initialDelayMs), policy.maxDelayMs);
    this.nextAt = now + this.delayMs;
  }

  due(now: number): boolean {
    return this.nextAt !== undefined && this.nextAt <= now;
  }

  clear(): void {
    this.nextAt = undefined;
    this.delayMs = 0;
  }
}
