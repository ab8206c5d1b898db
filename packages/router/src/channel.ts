import type { TimeoutOverrides } from './timeouts';

/**
 * One API's channel statuses: `enabled`; `manually_disabled` by an admin (never undone by the
 * router); `auto_disabled` by health (the router may re-enable it after a passing test).
 */
export type ChannelStatus = 'enabled' | 'manually_disabled' | 'auto_disabled';

/** How a multi-key channel spreads requests over its keys. */
export type KeyRotation = 'round_robin' | 'random';

/**
 * An upstream account as the router sees it. The gateway decrypts keys before handing channels
 * over; the router never puts a key into an error, event or attempt (it uses the key's index).
 */
export interface Channel {
  /** Stable numeric id, as in One API's `channels.id`; used for pinning (`sk-...-<id>`). */
  readonly id: number;
  /** Provider type id passed to the adapter registry, e.g. `openai`, `anthropic`. */
  readonly type: string;
  readonly name?: string;
  /** Upstream keys in plaintext; at least one. */
  readonly keys: readonly string[];
  /** Base URL; the adapter's default when absent. */
  readonly baseUrl?: string;
  /** Exposed model names this channel serves (exact names; wildcards live in `modelMapping`). */
  readonly models: readonly string[];
  /**
   * Exposed name -> upstream name. Exact entries win; then patterns with one `*`, the longest
   * literal part first; a `*` in the target is replaced by what the pattern's `*` matched.
   */
  readonly modelMapping?: Readonly<Record<string, string>>;
  /** User groups allowed to use this channel, e.g. `default`, `vip`. */
  readonly groups: readonly string[];
  /** Higher is tried first. Default 0. */
  readonly priority?: number;
  /**
   * Share inside its priority tier, as a proportion: weights 3 and 1 split traffic 3:1. A
   * weight of 0 beside positive ones gets none (it serves only when they have been tried);
   * a tier whose weights are all 0 is shared equally. Default 0.
   */
  readonly weight?: number;
  readonly status?: ChannelStatus;
  /** Provider-specific settings handed to the adapter (api-version, region, ...). */
  readonly config?: Readonly<Record<string, unknown>>;
  /** Per-channel timeouts; each field falls back to the policy's. */
  readonly timeouts?: TimeoutOverrides;
  /** Defaults to the policy's `keyRotation`. */
  readonly keyRotation?: KeyRotation;
  /** Relative price (e.g. USD per million tokens) for the least-cost strategy; lower wins. */
  readonly cost?: number;
  /** Model used by the periodic channel test; default the first of `models`. */
  readonly testModel?: string;
}

/** What callers learn about the channel that served them: never the key itself. */
export interface ChannelSummary {
  readonly id: number;
  readonly name: string | undefined;
  readonly type: string;
  readonly keyIndex: number;
  /** The model name sent upstream, after mapping. */
  readonly upstreamModel: string;
}
