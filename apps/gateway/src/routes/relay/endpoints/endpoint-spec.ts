import type {
  AdapterError,
  OpenAIEndpoint,
  ProviderAdapter,
  ProviderClient,
} from '@oneapi/adapters';
import type { BillableUsage } from '@oneapi/ledger';
import type { RelayBody } from '../relay-body';
import type { RelayEstimate } from '../relay-session';

export type MeteredUsage = BillableUsage & { readonly estimated?: boolean };

/** Counts a streamed answer as its SSE events go by. */
export interface StreamMeter {
  /** One upstream event; returns false to hold it back from the client. */
  observe(event: string | undefined, data: string): boolean;
  /**
   * What to bill: the upstream's count, or the tokenizer's over what went by (flagged),
   * counted in slices that leave the event loop free.
   */
  usage(): Promise<MeteredUsage>;
  /** Set when the upstream reported a failure inside the stream. */
  readonly failure: string | undefined;
  /** For the trace, where the format says them: the model the upstream named, why choices ended. */
  readonly responseModel?: string | undefined;
  readonly finishReasons?: readonly string[];
  /**
   * Asked once the upstream closed the stream cleanly: why it is still not a whole answer
   * (its format's last event never came), or undefined. Formats without such an event
   * leave it out.
   */
  unfinished?(): string | undefined;
}

/**
 * One OpenAI endpoint besides chat, as data: how its body is read, what it may cost before
 * it is sent, and how its answer is billed. The relay (relay-endpoint.ts) does the rest.
 */
export interface EndpointSpec {
  readonly path: OpenAIEndpoint;
  readonly bodyType: 'json' | 'multipart';
  /**
   * What may be held before the upstream is asked. Linear in the body and without the
   * tokenizer: `promptTokens` is an upper bound (the prompt's UTF-8 bytes).
   */
  estimate(body: RelayBody): RelayEstimate | Promise<RelayEstimate>;
  /**
   * The prompt's tokens as the tokenizer counts them, billed when the upstream reports no
   * usage; without it the estimate's `promptTokens` is billed.
   */
  countPrompt?(body: RelayBody): Promise<number>;
  /**
   * What to bill from the upstream's answer (its parsed JSON; undefined when it is not JSON,
   * e.g. audio bytes). Undefined: the estimate is billed, flagged as estimated.
   */
  usageOf(
    answer: unknown,
    body: RelayBody,
    estimate: RelayEstimate,
  ): MeteredUsage | undefined | Promise<MeteredUsage | undefined>;
  /** Present on endpoints that can stream: a meter for one streamed answer. */
  streamMeter?(body: RelayBody, estimate: RelayEstimate): StreamMeter;
  /**
   * The body field that limits the output, on endpoints that have one. When the caller left
   * it unset, the relay sends `defaultCap` there and the reservation holds it (times `n`), so
   * the upstream cannot write more than was held (docs/decisions/0003).
   */
  readonly outputCap?: {
    readonly field: string;
    /** Other fields that limit the output as well (chat's older `max_tokens`): set, the cap is not. */
    readonly alsoLimitedBy?: readonly string[];
    defaultCap(body: RelayBody, defaultMaxTokens: number): number;
  };
  /**
   * The answer names the model the client asked for, not the channel's mapped name (as the
   * translated chat answers do). Absent: the upstream's words stand.
   */
  readonly answersWithClientModel?: boolean;
  /** The failure a stream's first event reports, if it is one (so the router fails over). */
  streamError?(event: string | undefined, data: string): AdapterError | undefined;
  /** Fields to set on the upstream body, e.g. to ask for stream usage. */
  upstreamPatch?(body: RelayBody): Record<string, unknown> | undefined;
  /** Whether a channel of this provider serves the endpoint; default: its passthrough list. */
  accepts?(adapter: ProviderAdapter): boolean;
  /** One attempt; default: the body passed through to the endpoint. */
  send?(
    client: ProviderClient,
    body: RelayBody,
    upstreamModel: string,
    signal: AbortSignal,
  ): Promise<Response>;
}
