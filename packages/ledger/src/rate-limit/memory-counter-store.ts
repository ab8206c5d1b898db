import type {
  ConcurrencyLease,
  CounterStore,
  RateLimitDecision,
  RateLimitRule,
  RuleState,
} from './counter-store';
import { WindowLog } from './window-log';

/**
 * The in-process backend: exact sliding windows for one instance. Memory is one entry per
 * counted request still in its window; empty windows are dropped as they are seen.
 */
export function createMemoryCounterStore(options: { now?: () => number } = {}): CounterStore {
  const now = options.now ?? Date.now;
  const logs = new Map<string, WindowLog>();
  const slots = new Map<string, Map<number, number>>();
  let nextLease = 0;

  const prune = (key: string, windowMs: number, at: number): WindowLog => {
    const log = logs.get(key);
    if (!log) return new WindowLog();
    log.dropUntil(at - windowMs);
    if (log.size > 0) return log;
    logs.delete(key);
    return new WindowLog();
  };

  const retryAfter = (log: WindowLog, rule: RateLimitRule, at: number): number => {
    const freedAt = log.countedAtFreeing(log.total + rule.cost - rule.limit);
    // The cost alone exceeds the limit: it never fits.
    return freedAt === undefined ? rule.windowMs : freedAt + rule.windowMs - at;
  };

  return {
    async hit(rules) {
      const at = now();
      const windows = rules.map((rule) => prune(rule.key, rule.windowMs, at));
      const blockedIndex = rules.findIndex(
        (rule, index) => windows[index]!.total + rule.cost > rule.limit,
      );
      if (blockedIndex === -1) {
        rules.forEach((rule, index) => {
          const log = windows[index]!;
          log.push(at, rule.cost);
          logs.set(rule.key, log);
        });
      }
      const states: RuleState[] = rules.map((rule, index) => {
        const log = windows[index]!;
        const newestAt = log.newestAt;
        return {
          rule,
          used: log.total,
          remaining: Math.max(rule.limit - log.total, 0),
          resetMs: newestAt === undefined ? 0 : newestAt + rule.windowMs - at,
        };
      });
      const blockedBy = blockedIndex === -1 ? undefined : rules[blockedIndex];
      return {
        allowed: blockedIndex === -1,
        states,
        blockedBy,
        retryAfterMs: blockedBy ? retryAfter(windows[blockedIndex]!, blockedBy, at) : 0,
      } satisfies RateLimitDecision;
    },

    async acquire(key, limit, leaseMs): Promise<ConcurrencyLease | null> {
      const at = now();
      const held = slots.get(key) ?? new Map<number, number>();
      for (const [lease, expiresAt] of held) if (expiresAt <= at) held.delete(lease);
      if (held.size >= limit) return null;
      const lease = nextLease++;
      held.set(lease, at + leaseMs);
      slots.set(key, held);
      return {
        async release() {
          held.delete(lease);
          if (held.size === 0 && slots.get(key) === held) slots.delete(key);
        },
      };
    },
  };
}
