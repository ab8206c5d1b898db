/**
 * Rate limits are sliding-window logs: a request is allowed when the cost of everything
 * counted in the last `windowMs`, plus its own, stays within `limit`. Unlike a token
 * bucket or a fixed window, no window of that length ever holds more than `limit`, which is
 * what "RPM 60" promises a provider or an operator.
 */
export interface RateLimitRule {
  /** What is limited, e.g. `token:12:rpm`; the backends namespace it further. */
  readonly key: string;
  /** `requests` rules feed the x-ratelimit-*-requests headers, `tokens` the *-tokens ones. */
  readonly unit: 'requests' | 'tokens';
  readonly limit: number;
  readonly windowMs: number;
  /** What this request counts for: 1 for requests, the estimated tokens for tokens. */
  readonly cost: number;
}

export interface RuleState {
  readonly rule: RateLimitRule;
  /** Counted in the window after this decision. */
  readonly used: number;
  readonly remaining: number;
  /** Until the window is empty again. */
  readonly resetMs: number;
}

export interface RateLimitDecision {
  readonly allowed: boolean;
  readonly states: readonly RuleState[];
  /** The first rule that refused the request. */
  readonly blockedBy: RateLimitRule | undefined;
  /** How long until the blocking rule would have room; 0 when allowed. */
  readonly retryAfterMs: number;
}

/** A held concurrency slot; release it when the request ends (it also expires on its own). */
export interface ConcurrencyLease {
  release(): Promise<void>;
}

/**
 * The port rate limiting counts through: the ledger decides the rules and reads the
 * decisions, a counter store keeps the counts. `createMemoryCounterStore` keeps them in one
 * process; a shared store (the gateway's Redis one) implements the same two operations, so
 * the ledger carries no database or Redis driver.
 */
export interface CounterStore {
  /**
   * Checks every rule and, only when all of them allow it, counts the request against each,
   * atomically: a refused request consumes nothing.
   */
  hit(rules: readonly RateLimitRule[]): Promise<RateLimitDecision>;
  /** A slot among `limit` for `key`, held at most `leaseMs`; null when all are taken. */
  acquire(key: string, limit: number, leaseMs: number): Promise<ConcurrencyLease | null>;
}
