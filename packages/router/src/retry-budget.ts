/** Envoy's retry budget: defaults 20% of live requests, and 3 retries at least. */
export interface RetryBudgetOptions {
  /** Retries in flight may be at most this percentage of live dispatches... */
  readonly percent: number;
  /** ...or this many, whichever is larger, so that a quiet gateway can still retry. */
  readonly minRetries: number;
}

export const DEFAULT_RETRY_BUDGET: RetryBudgetOptions = { percent: 20, minRetries: 3 };

/**
 * Caps concurrent retries so that a provider outage does not multiply load: with 100 live
 * dispatches and the defaults, at most 20 of them may be retrying at once. A dispatch is live
 * while it is choosing and trying upstreams (until its answer or stream commits).
 */
export class RetryBudget {
  private live = 0;
  private retrying = 0;

  constructor(private readonly options: RetryBudgetOptions) {}

  dispatchStarted(): void {
    this.live++;
  }

  dispatchFinished(): void {
    this.live--;
  }

  /** Takes one retry slot if the budget allows; give it back with `releaseRetry`. */
  tryAcquireRetry(): boolean {
    const limit = Math.max(
      this.options.minRetries,
      Math.floor((this.live * this.options.percent) / 100),
    );
    if (this.retrying >= limit) return false;
    this.retrying++;
    return true;
  }

  releaseRetry(): void {
    this.retrying--;
  }

  /** For metrics. */
  snapshot(): { live: number; retrying: number } {
    return { live: this.live, retrying: this.retrying };
  }
}
