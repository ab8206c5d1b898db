import type { LedgerMetrics } from '../metrics';
import type { CounterStore } from './counter-store';

export interface FallbackCounterStoreOptions {
  /** The shared limiter (Redis). */
  readonly primary: CounterStore;
  /** The per-instance limiter used while the primary fails. */
  readonly fallback: CounterStore;
  readonly metrics: LedgerMetrics;
  /**
   * Longest wait for the primary before falling back, whatever its client does. Default 60
   * ms: Redis's own 50 ms command timeout plus scheduling slack.
   */
  readonly timeoutMs?: number;
}

/**
 * Uses the primary, and the fallback whenever the primary errors or is slower than
 * `timeoutMs`, counting each fallback as `rate_limit_redis_fallbacks`. With Redis down,
 * limits therefore hold per instance (N instances admit up to N times the limit) and no
 * request waits more than `timeoutMs` on it. Quota never depends on this path.
 */
export function createFallbackCounterStore(options: FallbackCounterStoreOptions): CounterStore {
  const timeoutMs = options.timeoutMs ?? 60;

  async function attempt<T>(primary: () => Promise<T>, fallback: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('rate limiter timed out')), timeoutMs);
    });
    try {
      return await Promise.race([primary(), deadline]);
    } catch {
      options.metrics.increment('rate_limit_redis_fallbacks');
      return fallback();
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    hit: (rules) =>
      attempt(
        () => options.primary.hit(rules),
        () => options.fallback.hit(rules),
      ),
    acquire: (key, limit, leaseMs) =>
      attempt(
        () => options.primary.acquire(key, limit, leaseMs),
        () => options.fallback.acquire(key, limit, leaseMs),
      ),
  };
}
