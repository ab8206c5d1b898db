import type { ChatCompletion, ChatRequest, StreamEvent } from '@oneapi/adapters';
import type { Channel } from './channel';

/**
 * Where channels come from: the gateway feeds it from the database, a static list works.
 * The router reads it once, then again whenever `subscribe` reports a change (or on `reload()`);
 * never per request.
 */
export interface ChannelSource {
  getChannels(): readonly Channel[] | Promise<readonly Channel[]>;
  /** Calls `onChange` when the channels change; returns an unsubscribe function. */
  subscribe?(onChange: () => void): () => void;
}

/** One upstream call as the router asks for it. */
export interface AttemptCall {
  readonly channel: Channel;
  readonly keyIndex: number;
  /** The key in plaintext, for the adapter only. */
  readonly apiKey: string;
  /** The caller's request with `model` already mapped to the upstream name. */
  readonly request: ChatRequest;
  /** Aborted on client abort and on every timeout; honour it to free the connection. */
  readonly signal: AbortSignal;
}

/**
 * Performs attempts. The default sends them through `@oneapi/adapters`' provider client;
 * tests and simulations inject an in-process one. Contract, as `createProviderClient`'s:
 * reject with an AdapterError before the stream begins; after that, end with one `error` event.
 */
export interface UpstreamExecutor {
  chat(call: AttemptCall): Promise<ChatCompletion>;
  stream(call: AttemptCall): Promise<AsyncIterable<StreamEvent>>;
}
