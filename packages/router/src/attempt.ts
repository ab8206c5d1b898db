import type { AdapterErrorCode, AdapterErrorKind } from '@oneapi/adapters';

/**
 * How an attempt's channel was chosen: by the strategy, by the session's sticky hash, by an
 * admin's pin, as the least bad of unhealthy channels (panic), or as another key of the same
 * channel after a key-level failure (auth, billing, 429).
 */
export type AttemptRoute = 'selected' | 'sticky' | 'pinned' | 'panic' | 'next_key';

export type AttemptOutcome = 'pending' | 'success' | 'failure' | 'aborted';

/** One upstream try, for logs and metrics. Never holds the key, only its index. */
export interface Attempt {
  readonly channelId: number;
  readonly channelName: string | undefined;
  /** The channel's provider type id (`openai`, `anthropic`, ...), for traces and logs. */
  readonly channelType: string;
  readonly keyIndex: number;
  readonly upstreamModel: string;
  readonly route: AttemptRoute;
  /** Clock time when the attempt began, ms. */
  readonly startedAt: number;
  /** `success` for a stream means it committed (its first event reached the caller). */
  outcome: AttemptOutcome;
  /** Until success (a stream's first event) or failure, ms. */
  latencyMs?: number;
  errorCode?: AdapterErrorCode;
  errorKind?: AdapterErrorKind;
  /** The upstream's HTTP status, when it answered. */
  upstreamStatus?: number;
  /** Set when a committed stream later ended with an `error` event (never retried). */
  streamErrorCode?: AdapterErrorCode;
}
