import type {
  ConcurrencyLease,
  CounterStore,
  RateLimitDecision,
  RateLimitRule,
  RuleState,
} from './counter-store';

interface WindowLog {
  /** Entries oldest first; `head` is the first one still in the window. */
  readonly entries: Array<{ at: number; cost: number }>;
  head: number;
  total: number;
}

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
    const log = logs.get(key) ?? { entries: [], head: 0, total: 0 };
    while (log.head < log.entries.length && log.entries[log.head]!.at <= at - windowMs) {
      log.total -= log.entries[log.head]!.cost;
      log.head += 1;
    }
    // Compact once the dead prefix dominates, keeping pruning O(1) amortized.
    if (log.head > 64 && log.head * 2 > log.entries.length) {
      log.entries.splice(0, log.head);
      log.head = 0;
    }
    if (log.head === log.entries.length) {
      logs.delete(key);
      return { entries: [], head: 0, total: 0 };
    }
    return log;
  };

  const retryAfter = (log: WindowLog, rule: RateLimitRule, at: number): number => {
    let excess = log.total + rule.cost - rule.limit;
    for (let index = log.head; index < log.entries.length; index++) {
      const entry = log.entries[index]!;
      excess -= entry.cost;
      if (excess <= 0) return entry.at + rule.windowMs - at;
    }
    return rule.windowMs; // The cost alone exceeds the limit: it never fits.
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
          log.entries.push({ at, cost: rule.cost });
          log.total += rule.cost;
          logs.set(rule.key, log);
        });
      }
      const states: RuleState[] = rules.map((rule, index) => {
        const log = windows[index]!;
        const newest = log.entries.at(-1);
        return {
          rule,
          used: log.total,
          remaining: Math.max(rule.limit - log.total, 0),
          resetMs: newest ? newest.at + rule.windowMs - at : 0,
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
