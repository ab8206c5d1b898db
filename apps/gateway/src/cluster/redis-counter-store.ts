import { randomUUID } from 'node:crypto';
import type {
  ConcurrencyLease,
  CounterStore,
  RateLimitDecision,
  RateLimitRule,
} from '@oneapi/ledger';
import { openRedis, type RedisClient } from './redis-client';
import { ACQUIRE_SLOT_SCRIPT, SLIDING_WINDOW_SCRIPT } from './redis-counter-scripts';

export interface RedisCounterStoreOptions {
  /** `redis://...`; ignored when `client` is given. */
  readonly url?: string;
  /** A client to use instead of opening one (its options are then the caller's). */
  readonly client?: RedisClient;
  /** Prefix of every key, e.g. `oneapi:`; lets several gateways or test runs share a Redis. */
  readonly keyPrefix?: string;
  /** Per-command timeout. Default 50 ms: a slow Redis must not slow every request. */
  readonly commandTimeoutMs?: number;
}

export interface RedisCounterStore extends CounterStore {
  /**
   * Resolves once connected. Until then every call fails fast (no offline queue), which the
   * fallback absorbs; await this at start-up to begin with shared limits.
   */
  ready(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

type ScriptClient = RedisClient & {
  oneapiSlidingWindow(keyCount: number, ...args: Array<string | number>): Promise<number[]>;
  oneapiAcquireSlot(key: string, ...args: Array<string | number>): Promise<number>;
};

/**
 * The shared backend: every instance counts in the same Redis, atomically (one Lua script
 * per decision). A down or slow Redis fails fast: no offline queue, at most one retry,
 * `commandTimeoutMs` per command; wrap it with `createFallbackCounterStore`.
 */
export function createRedisCounterStore(options: RedisCounterStoreOptions): RedisCounterStore {
  const owned = options.client === undefined;
  const client = (options.client ??
    openRedis(options.url ?? 'redis://127.0.0.1:6379', {
      commandTimeout: options.commandTimeoutMs ?? 50,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      connectTimeout: 1_000,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    })) as ScriptClient;
  // ioredis emits connection errors as events; unhandled they would crash the process.
  // The failing commands are what the fallback reacts to.
  client.on('error', () => {});
  client.defineCommand('oneapiSlidingWindow', { lua: SLIDING_WINDOW_SCRIPT });
  client.defineCommand('oneapiAcquireSlot', { numberOfKeys: 1, lua: ACQUIRE_SLOT_SCRIPT });
  const prefix = `${options.keyPrefix ?? 'oneapi:'}rl:`;

  return {
    async hit(rules) {
      if (rules.length === 0) {
        return { allowed: true, states: [], blockedBy: undefined, retryAfterMs: 0 };
      }
      const keys = rules.flatMap((rule) => [`${prefix}${rule.key}`, `${prefix}${rule.key}:sum`]);
      const args = rules.flatMap((rule) => [rule.limit, rule.windowMs, Math.ceil(rule.cost)]);
      const reply = await client.oneapiSlidingWindow(keys.length, ...keys, randomUUID(), ...args);
      return toDecision(rules, reply);
    },

    async acquire(key, limit, leaseMs): Promise<ConcurrencyLease | null> {
      const slotKey = `${prefix}slots:${key}`;
      const lease = randomUUID();
      const taken = await client.oneapiAcquireSlot(slotKey, lease, limit, leaseMs);
      if (taken !== 1) return null;
      return {
        async release() {
          // A lost release only holds the slot until its lease expires.
          await client.zrem(slotKey, lease).catch(() => {});
        },
      };
    },

    ready(timeoutMs = 5_000) {
      if (client.status === 'ready') return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          client.off('ready', onReady);
          reject(new Error(`Redis was not ready within ${timeoutMs} ms`));
        }, timeoutMs);
        const onReady = () => {
          clearTimeout(timer);
          resolve();
        };
        client.once('ready', onReady);
      });
    },

    async close() {
      if (owned) client.disconnect();
    },
  };
}

function toDecision(rules: readonly RateLimitRule[], reply: number[]): RateLimitDecision {
  const [allowed, blocked, retryAfterMs] = reply;
  return {
    allowed: allowed === 1,
    blockedBy: blocked ? rules[blocked - 1] : undefined,
    retryAfterMs: Math.max(retryAfterMs ?? 0, 0),
    states: rules.map((rule, index) => {
      const used = Number(reply[3 + index * 2]);
      return {
        rule,
        used,
        remaining: Math.max(rule.limit - used, 0),
        resetMs: Math.max(Number(reply[4 + index * 2]), 0),
      };
    }),
  };
}
