/** Counters the ledger increments; the gateway exports them (e.g. to Prometheus). */
export type LedgerMetricName =
  | 'reservations_created'
  | 'reservations_refused'
  | 'reservations_settled'
  | 'reservations_released'
  | 'settlements_over_estimate'
  | 'reservations_recovered_settled'
  | 'reservations_recovered_released'
  | 'instance_leases_taken'
  | 'rate_limit_redis_fallbacks'
  | 'codes_redeemed';

export interface LedgerMetrics {
  increment(name: LedgerMetricName, by?: number): void;
}

/** In-memory counters with a snapshot, for tests and for gateways that poll. */
export interface CounterMetrics extends LedgerMetrics {
  get(name: LedgerMetricName): number;
  snapshot(): Record<LedgerMetricName, number>;
}

export function createCounterMetrics(): CounterMetrics {
  const counts = new Map<LedgerMetricName, number>();
  return {
    increment: (name, by = 1) => void counts.set(name, (counts.get(name) ?? 0) + by),
    get: (name) => counts.get(name) ?? 0,
    snapshot: () => Object.fromEntries(counts) as Record<LedgerMetricName, number>,
  };
}

export const noopMetrics: LedgerMetrics = { increment: () => {} };
