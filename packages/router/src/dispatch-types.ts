import type { ChatCompletion, StreamEvent } from '@oneapi/adapters';
import type { Attempt } from './attempt';
import type { Channel, ChannelSummary } from './channel';

/** Who is asking, as the gateway resolved it from the token. */
export interface DispatchContext {
  /** The user's group, e.g. `default`. */
  readonly group: string;
  /** The token's model allow-list; absent means every model. */
  readonly allowedModels?: ReadonlySet<string> | readonly string[];
  /** An admin's pin (see `parsePinnedToken`): this channel only, health ignored. */
  readonly pinnedChannelId?: number;
  /** Sticky routing: the same key lands on the same healthy channel (prompt caches). */
  readonly sessionKey?: string;
  /** The caller's abort: stops retries and aborts the upstream fetch. */
  readonly signal?: AbortSignal;
}

export interface CompletionDispatch {
  readonly kind: 'completion';
  readonly completion: ChatCompletion;
  readonly attempts: readonly Attempt[];
  readonly channel: ChannelSummary;
}

export interface StreamDispatch {
  readonly kind: 'stream';
  /**
   * The committed stream: its first event is already in hand. Iterate it to the end or call
   * `return()`; a later upstream failure arrives as one `error` event and is not retried.
   */
  readonly events: AsyncIterable<StreamEvent>;
  /** Live: the last attempt gains `streamErrorCode` if the stream later fails. */
  readonly attempts: readonly Attempt[];
  readonly channel: ChannelSummary;
}

export type DispatchResult = CompletionDispatch | StreamDispatch;

/** Context of a `call`: a dispatch's, plus which channels can serve this kind of request. */
export interface CallContext extends DispatchContext {
  /**
   * Channels that cannot serve the request (e.g. no embeddings endpoint) are skipped without
   * an attempt, so their health is untouched. Absent: every channel of the pool.
   */
  readonly accepts?: (channel: Channel) => boolean;
}

/** One attempt of a `call`: where to send it. The key is plaintext, for the caller's adapter only. */
export interface CallTarget {
  readonly channel: Channel;
  readonly keyIndex: number;
  readonly apiKey: string;
  /** The model name to send upstream, after the channel's mapping. */
  readonly upstreamModel: string;
  /** Aborted on the caller's abort and on the attempt's first-byte timeout. */
  readonly signal: AbortSignal;
}

export interface CallDispatch<T> {
  readonly value: T;
  readonly attempts: readonly Attempt[];
  readonly channel: ChannelSummary;
}
