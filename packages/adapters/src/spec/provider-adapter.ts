import type { AdapterError } from './adapter-error';
import type { ChatRequest } from './openai-chat-request';
import type { ChatCompletion } from './openai-chat-response';
import type { StreamEvent } from './stream-event';

/** The version of this contract; bumped on any breaking change to `ProviderAdapter`. */
export const ADAPTER_SPEC_VERSION = 1;

/** Where and how to reach one upstream account: what the router hands an adapter per attempt. */
export interface UpstreamTarget {
  /** Base URL without a trailing slash: the channel's, or the adapter's default. */
  readonly baseUrl: string;
  /** One upstream key in plaintext, chosen by the router from the channel's keys. */
  readonly apiKey: string;
  /** Provider-specific settings from the channel (api-version, region, project, ...). */
  readonly config: Readonly<Record<string, unknown>>;
  /**
   * The fetch the client was given, for requests an adapter makes while building one
   * (image URLs fetched into bytes); absent, Node's global fetch. The channel's
   * `allowPrivateNetwork` never extends to those: they are the caller's URLs.
   */
  readonly fetch?: typeof fetch;
  /**
   * Encodes a request body as JSON, as `JSON.stringify` would (absent: `JSON.stringify`). A
   * host may pass one that encodes a body of megabytes off its event loop's thread; the
   * OpenAI-compatible and Anthropic chat builders use it.
   */
  readonly encodeJson?: JsonEncoder;
}

/** Encodes a plain JSON value (no functions, no cycles) to its JSON text, or that text's UTF-8. */
export type JsonEncoder = (value: object) => Promise<string | Uint8Array>;

/** A fully built upstream HTTP request; the caller performs it with any fetch. */
export interface UpstreamRequest {
  readonly url: string;
  readonly method: 'POST' | 'GET';
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
}

/** An upstream answer with a non-2xx status, read in full. */
export interface UpstreamErrorResponse {
  readonly status: number;
  readonly headers: Headers;
  /** The body as text; may be empty or not JSON. */
  readonly body: string;
}

/**
 * How the upstream frames a stream:
 * - `sse`: text/event-stream, one message per event;
 * - `ndjson`: one JSON object per line;
 * - `aws-eventstream`: AWS binary event-stream frames, one message per frame.
 */
export type StreamFraming = 'sse' | 'ndjson' | 'aws-eventstream';

/** One framed message of an upstream stream, before the provider decodes it. */
export interface RawStreamMessage {
  /** SSE `event:` name or AWS `:event-type` header, when the framing has one. */
  readonly event?: string;
  /** The payload text: an SSE `data` field, an NDJSON line, or a frame's body. */
  readonly data: string;
}

/** A small state machine: one upstream message in, normalized events out. */
export interface StreamDecoder {
  decode(message: RawStreamMessage): StreamEvent[];
  /** Called once when the upstream closes the stream; flushes what is pending. */
  end(): StreamEvent[];
}

export interface ProviderCapabilities {
  readonly chat: boolean;
  readonly stream: boolean;
  readonly tools: boolean;
  readonly vision: boolean;
  readonly embeddings: boolean;
  readonly images: boolean;
  readonly audio: boolean;
}

/** Requests and responses for `/v1/embeddings` in OpenAI's shape. */
export interface EmbeddingsRequest {
  model: string;
  input: string | string[] | number[] | number[][];
  encoding_format?: 'float' | 'base64';
  dimensions?: number;
  user?: string;
}

export interface EmbeddingsResponse {
  object: 'list';
  data: Array<{ object: 'embedding'; index: number; embedding: number[] | string }>;
  model: string;
  usage: { prompt_tokens: number; total_tokens: number };
}

export interface EmbeddingsSupport {
  buildRequest(request: EmbeddingsRequest, target: UpstreamTarget): Promise<UpstreamRequest>;
  parseResponse(body: unknown, request: EmbeddingsRequest): EmbeddingsResponse;
}

/**
 * OpenAI endpoints that an OpenAI-compatible upstream serves as they are. Chat is among them
 * only for vendors whose chat answers are OpenAI's own (no vendor variants to normalise), so
 * a chat client's bytes and the upstream's answer pass through unchanged.
 */
export type OpenAIEndpoint =
  | '/chat/completions'
  | '/completions'
  | '/embeddings'
  | '/images/generations'
  | '/images/edits'
  | '/audio/speech'
  | '/audio/transcriptions'
  | '/audio/translations'
  | '/moderations'
  | '/rerank'
  | '/responses';

/** One body for a passthrough endpoint: what goes upstream, and what it says. */
export interface PassthroughInit {
  readonly model: string;
  /** The body to send, the gateway's own fields (model, limits) already set in it. */
  readonly body: string | Uint8Array;
  readonly contentType: string;
  /**
   * The same JSON body parsed, with the same fields set: for endpoints whose vendor
   * variant must change a field (chat's quirks). The body's bytes are sent only when those
   * changes leave it as it is; otherwise this is re-encoded.
   */
  readonly json?: Readonly<Record<string, unknown>>;
}

/**
 * Byte passthrough for OpenAI-compatible upstreams: the gateway forwards the caller's body
 * (JSON or multipart) unchanged except for the model name, and the upstream's answer as it is.
 */
export interface PassthroughSupport {
  readonly endpoints: readonly OpenAIEndpoint[];
  buildRequest(
    endpoint: OpenAIEndpoint,
    init: PassthroughInit,
    target: UpstreamTarget,
  ): Promise<UpstreamRequest>;
}

/**
 * A client wire format, besides OpenAI chat, that some providers speak natively: a client of
 * that format is passed through to them rather than translated.
 */
export type NativeFormat = 'anthropic-messages' | 'gemini-generate-content';

/** One request in a native format, as the client wrote it. */
export interface NativeRequestInit {
  /**
   * The client's body, byte for byte (UTF-8 JSON): sent as it is when nothing must change.
   * Bytes, not text: a body of megabytes is neither decoded nor encoded again on its way.
   */
  readonly body: Uint8Array;
  /** The same body parsed (a JSON object), for builders that must move or set fields. */
  readonly json: Readonly<Record<string, unknown>>;
  /** The upstream model name, after the channel's mapping: the one field the gateway rewrites. */
  readonly model: string;
  readonly stream: boolean;
  /** The client's headers that the format forwards (its allow-list), names lower-case. */
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * The format a provider speaks natively, and how one client request in it reaches the
 * upstream: its URL, the channel's credentials, and whatever the vendor's variant of the
 * format requires (Bedrock's `anthropic_version`, say). Answers come back in the same format.
 */
export interface NativeSupport {
  readonly format: NativeFormat;
  /**
   * Whether the format is spoken for this model (the name the client asked for); absent:
   * for every model. Vertex speaks Anthropic's format for Claude models only.
   */
  servesModel?(model: string): boolean;
  buildRequest(init: NativeRequestInit, target: UpstreamTarget): Promise<UpstreamRequest>;
  /**
   * Where the vendor counts a request's prompt tokens in this format (Anthropic's
   * `/v1/messages/count_tokens`): that request, for the same body as `buildRequest` takes,
   * `stream` false. Absent: the vendor has no such endpoint and the gateway counts itself.
   */
  buildCountTokensRequest?(
    init: NativeRequestInit,
    target: UpstreamTarget,
  ): Promise<UpstreamRequest>;
  /**
   * For vendors that answer a count in their own shape (Bedrock's `{inputTokens}`): the
   * format's answer (`{input_tokens}`) from the vendor's parsed JSON. Absent: the answer is
   * the format's already and is relayed as it came.
   */
  toFormatCountTokens?(answer: unknown): unknown;
  /**
   * For vendors that frame the format's stream their own way (Bedrock's AWS event-stream):
   * the same events, re-framed as the format's SSE. Absent: the stream is the format's already.
   */
  toFormatStream?(body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array>;
}

/** An upstream account's balance as the vendor reports it: money, not quota. */
export interface UpstreamBalance {
  /** What remains to spend, in units of `currency` (e.g. 7.5 = 7.50 USD); may be negative. */
  readonly amount: number;
  /** ISO 4217 code, e.g. `USD`, `CNY`. */
  readonly currency: string;
}

/**
 * A vendor's own balance endpoint, for the vendors that have one: how to ask (with the key
 * sent as chat requests send it) and how to read a successful answer.
 */
export interface BalanceSupport {
  buildRequest(target: UpstreamTarget): UpstreamRequest;
  /** Parses a 2xx body (already JSON-decoded); an unreadable one is `upstream_bad_response`. */
  parse(body: unknown): UpstreamBalance;
}

/**
 * A provider: data plus small pure functions. Nothing here performs I/O except
 * `buildChatRequest`, which may sign (SigV4, OAuth) and so is async.
 * `request.model` is already the upstream model name (after the channel's mapping).
 */
export interface ProviderAdapter {
  readonly specVersion: typeof ADAPTER_SPEC_VERSION;
  /** Provider type id, e.g. `openai`, `anthropic`, `deepseek`. */
  readonly id: string;
  /** Human name for docs and the dashboard. */
  readonly name: string;
  /** `openai-compatible` upstreams take and return OpenAI chat bytes as they are. */
  readonly kind: 'native' | 'openai-compatible';
  readonly defaultBaseUrl: string | undefined;
  readonly capabilities: ProviderCapabilities;
  readonly streamFraming: StreamFraming;
  /** Settings this provider reads from `UpstreamTarget.config`, for forms and validation. */
  readonly configFields?: readonly ConfigField[];

  buildChatRequest(request: ChatRequest, target: UpstreamTarget): Promise<UpstreamRequest>;
  /** Parses a successful non-stream body (already JSON-decoded). */
  parseChatResponse(body: unknown, request: ChatRequest): ChatCompletion;
  /** A fresh decoder for one stream. */
  createStreamDecoder(request: ChatRequest): StreamDecoder;
  parseError(response: UpstreamErrorResponse): AdapterError;
  readonly embeddings?: EmbeddingsSupport;
  /** Present on OpenAI-compatible providers: the other OpenAI endpoints, passed through. */
  readonly passthrough?: PassthroughSupport;
  /**
   * The client formats the vendor speaks natively, one entry per format: those clients pass
   * through (Vertex: Anthropic's for Claude models, Gemini's for the others).
   */
  readonly native?: readonly NativeSupport[];
  /** Present where the vendor has a balance endpoint (DeepSeek, OpenRouter, SiliconFlow). */
  readonly balance?: BalanceSupport;
}

/**
 * A typed per-provider setting, e.g. Azure's `apiVersion`: the dashboard builds its form from
 * these, and the admin API accepts a channel's `config` only as they describe it.
 */
export interface ConfigField {
  /** The key in the channel's `config`. */
  readonly name: string;
  readonly label: string;
  /** A channel of this type cannot send a request without it. */
  readonly required: boolean;
  /**
   * How the value is typed; absent: `text`. `integer`: a whole number (stored as a number);
   * `select`: one of `options`. (Credentials are the channel's keys, never a setting.)
   */
  readonly type?: 'text' | 'integer' | 'select';
  /** The choices of a `select`. */
  readonly options?: readonly string[];
  readonly description?: string;
  /** What the provider uses when the setting is absent, as text. */
  readonly default?: string;
}
