import type { ChatRequest } from '@oneapi/adapters';
import type { KeyRotation } from './channel';
import { type BreakerThresholds, DEFAULT_BREAKER } from './health/circuit-breaker';
import { DEFAULT_REVIVAL, type RevivalPolicy } from './health/probe-schedule';
import { DEFAULT_RETRY_BUDGET, type RetryBudgetOptions } from './retry-budget';
import type { StrategyName } from './strategies/builtin-strategies';
import type { SelectionStrategy } from './strategies/selection-strategy';
import { DEFAULT_TIMEOUTS, type Timeouts } from './timeouts';

export interface ChannelTestPolicy {
  /** How often auto-disabled, ejected and dead-key channels are tested; 0 = never (default). */
  readonly intervalMs: number;
  /** The request a test sends, for a channel's test model. */
  readonly buildRequest: (model: string) => ChatRequest;
}

/** Every knob of the router; `DEFAULT_POLICY` documents the defaults. */
export interface RouterPolicy {
  /** Further attempts after the first; One API's RETRY_TIMES. */
  readonly maxRetries: number;
  /** How a channel is chosen inside a priority tier. */
  readonly strategy: StrategyName | SelectionStrategy;
  /** Route a dispatch with a `sessionKey` by sticky hash (its retries too). */
  readonly sticky: boolean;
  /** For channels that do not set their own. */
  readonly keyRotation: KeyRotation;
  readonly retryBudget: RetryBudgetOptions;
  /** For channels that do not set their own. */
  readonly timeouts: Timeouts;
  /** Channel-level breaker. */
  readonly breaker: BreakerThresholds;
  /** Key-level breaker (used on multi-key channels only). */
  readonly keyBreaker: BreakerThresholds;
  /** Max share of a group's channels ejected by breakers at once, in percent. */
  readonly maxEjectionPercent: number;
  /** Cooldown of a key after a 429 without Retry-After. */
  readonly rateLimitCooldownMs: number;
  /** Cap on any cooldown, whatever Retry-After says. */
  readonly maxCooldownMs: number;
  /** Weight of the newest sample in the time-to-first-byte EWMA (least-latency). */
  readonly latencyAlpha: number;
  readonly channelTest: ChannelTestPolicy;
  /**
   * Probes of retired keys and auto-disabled channels, run by `probeRetired` (the caller
   * schedules it): first one `initialDelayMs` after the retirement, doubling to `maxDelayMs`.
   */
  readonly revival: RevivalPolicy;
}

export const DEFAULT_POLICY: RouterPolicy = {
  maxRetries: 2,
  strategy: 'weighted',
  sticky: true,
  keyRotation: 'round_robin',
  retryBudget: DEFAULT_RETRY_BUDGET,
  timeouts: DEFAULT_TIMEOUTS,
  breaker: DEFAULT_BREAKER,
  keyBreaker: DEFAULT_BREAKER,
  maxEjectionPercent: 50,
  rateLimitCooldownMs: 5_000,
  maxCooldownMs: 300_000,
  latencyAlpha: 0.3,
  channelTest: {
    intervalMs: 0,
    buildRequest: (model) => ({
      model,
      messages: [{ role: 'user', content: 'hi' }],
      max_tokens: 16,
    }),
  },
  revival: DEFAULT_REVIVAL,
};

type Nested = 'retryBudget' | 'timeouts' | 'breaker' | 'keyBreaker' | 'channelTest' | 'revival';

/** Overrides: any field, and any field of the nested objects. */
export type RouterPolicyInput = Partial<Omit<RouterPolicy, Nested>> & {
  readonly [K in Nested]?: Partial<RouterPolicy[K]>;
};

export function resolvePolicy(input: RouterPolicyInput = {}): RouterPolicy {
  const base = DEFAULT_POLICY;
  return {
    ...base,
    ...input,
    retryBudget: { ...base.retryBudget, ...input.retryBudget },
    timeouts: { ...base.timeouts, ...input.timeouts },
    breaker: { ...base.breaker, ...input.breaker },
    keyBreaker: { ...base.keyBreaker, ...input.keyBreaker },
    channelTest: { ...base.channelTest, ...input.channelTest },
    revival: { ...base.revival, ...input.revival },
  };
}
