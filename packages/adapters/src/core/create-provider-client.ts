import { AdapterError, isAdapterError } from '../spec/adapter-error';
import type { ChatRequest } from '../spec/openai-chat-request';
import type { ChatCompletion } from '../spec/openai-chat-response';
import type {
  EmbeddingsRequest,
  EmbeddingsResponse,
  JsonEncoder,
  NativeFormat,
  NativeRequestInit,
  OpenAIEndpoint,
  PassthroughInit,
  ProviderAdapter,
  UpstreamRequest,
  UpstreamTarget,
} from '../spec/provider-adapter';
import type { StreamEvent } from '../spec/stream-event';
import { applyRequestOverrides, readRequestOverrides } from './apply-request-overrides';
import { findNativeSupport } from './find-native-support';
import { assertForwardableUrls } from './forwarded-urls';
import { readStreamMessages } from './read-stream-messages';
import { scrubUpstreamError } from './scrub-upstream-error';
import { createSecretScrubber, type SecretScrubber } from './secret-scrubber';

export interface ProviderClientOptions {
  readonly adapter: ProviderAdapter;
  /** `baseUrl` defaults to the adapter's; `config` to `{}`. */
  readonly target: {
    readonly apiKey: string;
    readonly baseUrl?: string;
    readonly config?: Record<string, unknown>;
    /**
     * Every key of the channel `apiKey` belongs to: an upstream may quote any of them, so
     * errors are scrubbed of all (and `apiKey`, always). Default: `apiKey` alone.
     */
    readonly channelKeys?: readonly string[];
  };
  /** Any fetch; default Node's global fetch (undici, keep-alive connection pools). */
  readonly fetch?: typeof fetch;
  /**
   * Resolves the hosts of URLs a request hands the upstream to fetch (image URLs), which must
   * not be private unless the channel's `config.allowPrivateNetwork`; default the system's.
   */
  readonly resolveHost?: (host: string) => Promise<string[]>;
  /** Encodes chat request bodies (`UpstreamTarget.encodeJson`); default `JSON.stringify`. */
  readonly encodeJson?: JsonEncoder;
}

export interface CallOptions {
  readonly signal?: AbortSignal;
}

export interface ProviderClient {
  /** One non-stream chat completion in OpenAI's shape. */
  chat(request: ChatRequest, options?: CallOptions): Promise<ChatCompletion>;
  /**
   * A stream of normalized events. The promise rejects (with an AdapterError) if the
   * upstream fails before answering 2xx; after that, failures arrive as one `error` event.
   */
  stream(request: ChatRequest, options?: CallOptions): Promise<AsyncIterable<StreamEvent>>;
  embeddings(request: EmbeddingsRequest, options?: CallOptions): Promise<EmbeddingsResponse>;
  /**
   * Sends a body to one of the provider's other OpenAI endpoints as it is and resolves with
   * the upstream's 2xx response, body unread (JSON, a stream or audio bytes). A non-2xx
   * answer rejects with the provider's AdapterError, as `chat` does.
   */
  passthrough(
    endpoint: OpenAIEndpoint,
    init: PassthroughInit,
    options?: CallOptions,
  ): Promise<Response>;
  /**
   * Sends a client's request in a format the provider speaks natively (see `NativeSupport`)
   * and resolves with the upstream's 2xx response, body unread; a non-2xx answer rejects with
   * the provider's AdapterError. Rejects `unsupported` for a format the provider does not speak.
   */
  native(format: NativeFormat, init: NativeRequestInit, options?: CallOptions): Promise<Response>;
  /**
   * Asks the upstream to count the prompt tokens of a request in a native format (see
   * `NativeSupport.buildCountTokensRequest`); resolves and rejects as `native` does. Rejects
   * `unsupported` where the provider cannot count in that format.
   */
  countNativeTokens(
    format: NativeFormat,
    init: NativeRequestInit,
    options?: CallOptions,
  ): Promise<Response>;
}

/** A ready-to-use client for one provider account: build, send, parse, in OpenAI's format. */
export function createProviderClient(options: ProviderClientOptions): ProviderClient {
  const { adapter } = options;
  const fetchImpl = options.fetch ?? fetch;
  const baseUrl = (options.target.baseUrl || adapter.defaultBaseUrl || '').replace(/\/+$/, '');
  const target: UpstreamTarget = {
    baseUrl,
    apiKey: options.target.apiKey,
    config: options.target.config ?? {},
    // Image URLs in messages go through the same fetch as the request (the gateway's checks
    // every address it connects to).
    fetch: fetchImpl,
    ...(options.encodeJson && { encodeJson: options.encodeJson }),
  };
  // Built on the first error: most requests never need it, and its key forms cost a sort.
  let scrubber: SecretScrubber | undefined;
  // With the request at hand, `param` must also name a field the caller sent.
  const redact = (error: unknown, request?: object) => {
    scrubber ??= createSecretScrubber([target.apiKey, ...(options.target.channelKeys ?? [])]);
    return scrubUpstreamError(
      error,
      scrubber,
      request && ((field) => Object.hasOwn(request, field)),
    );
  };

  // URLs in the request the upstream would fetch itself; see assertForwardableUrls.
  const checkUrls = (request: object) =>
    assertForwardableUrls(request, {
      allowPrivateNetwork: target.config.allowPrivateNetwork === true,
      ...(options.resolveHost && { resolveHost: options.resolveHost }),
    });

  // The channel's header and parameter overrides, on every request whatever built it.
  const overrides = readRequestOverrides(target.config);

  async function send(built: UpstreamRequest, signal?: AbortSignal): Promise<Response> {
    const upstream = applyRequestOverrides(built, overrides);
    let response: Response;
    try {
      response = await fetchImpl(upstream.url, {
        method: upstream.method,
        headers: upstream.headers,
        ...(upstream.body !== undefined && { body: upstream.body }),
        ...(signal && { signal }),
      });
    } catch (cause) {
      throw transportError(cause, signal);
    }
    if (!response.ok) {
      const body = await response.text().catch(() => '');
      throw adapter.parseError({ status: response.status, headers: response.headers, body });
    }
    return response;
  }

  return {
    async chat(request, callOptions = {}) {
      try {
        await checkUrls(request);
        const upstream = await adapter.buildChatRequest({ ...request, stream: false }, target);
        const response = await send(upstream, callOptions.signal);
        return adapter.parseChatResponse(await readJson(response), request);
      } catch (error) {
        throw redact(error, request);
      }
    },

    async stream(request, callOptions = {}) {
      let response: Response;
      try {
        await checkUrls(request);
        const upstream = await adapter.buildChatRequest({ ...request, stream: true }, target);
        response = await send(upstream, callOptions.signal);
      } catch (error) {
        throw redact(error, request);
      }
      return scrubErrorEvents(decodeEvents(response, request, callOptions.signal));
    },

    async embeddings(request, callOptions = {}) {
      if (!adapter.embeddings) {
        throw new AdapterError('unsupported', `${adapter.name} does not offer embeddings`, {
          param: 'model',
        });
      }
      try {
        await checkUrls(request);
        const upstream = await adapter.embeddings.buildRequest(request, target);
        const response = await send(upstream, callOptions.signal);
        return adapter.embeddings.parseResponse(await readJson(response), request);
      } catch (error) {
        throw redact(error, request);
      }
    },

    async passthrough(endpoint, init, callOptions = {}) {
      if (!adapter.passthrough?.endpoints.includes(endpoint)) {
        throw new AdapterError('unsupported', `${adapter.name} does not serve ${endpoint}`, {
          param: 'model',
        });
      }
      try {
        const upstream = await adapter.passthrough.buildRequest(endpoint, init, target);
        return await send(upstream, callOptions.signal);
      } catch (error) {
        throw redact(error);
      }
    },

    async native(format, init, callOptions = {}) {
      const native = findNativeSupport(adapter, format);
      if (!native) {
        throw new AdapterError('unsupported', `${adapter.name} does not speak ${format}`, {
          param: 'model',
        });
      }
      try {
        await checkUrls(init.json);
        const upstream = await native.buildRequest(init, target);
        const response = await send(upstream, callOptions.signal);
        const reframe = native.toFormatStream;
        if (!init.stream || !reframe || !response.body) return response;
        return new Response(reframe(response.body), {
          status: response.status,
          headers: { 'content-type': 'text/event-stream; charset=utf-8' },
        });
      } catch (error) {
        throw redact(error, init.json);
      }
    },

    async countNativeTokens(format, init, callOptions = {}) {
      const native = findNativeSupport(adapter, format);
      if (!native?.buildCountTokensRequest)
        throw new AdapterError('unsupported', `${adapter.name} does not count ${format} tokens`, {
          param: 'model',
        });
      try {
        await checkUrls(init.json);
        const upstream = await native.buildCountTokensRequest(init, target);
        const response = await send(upstream, callOptions.signal);
        const reshape = native.toFormatCountTokens;
        if (!reshape) return response;
        return new Response(JSON.stringify(reshape(await readJson(response))), {
          status: response.status,
          headers: { 'content-type': 'application/json' },
        });
      } catch (error) {
        throw redact(error, init.json);
      }
    },
  };

  // An error event a decoder makes from the upstream's own words (an OpenAI `error` chunk, an
  // Anthropic `error` event) is scrubbed as a thrown one is.
  async function* scrubErrorEvents(
    events: AsyncIterable<StreamEvent>,
  ): AsyncGenerator<StreamEvent> {
    for await (const event of events) {
      yield event.type === 'error'
        ? { ...event, error: redact(event.error) as AdapterError }
        : event;
    }
  }

  async function* decodeEvents(
    response: Response,
    request: ChatRequest,
    signal: AbortSignal | undefined,
  ): AsyncGenerator<StreamEvent> {
    const decoder = adapter.createStreamDecoder(request);
    try {
      if (!response.body)
        throw new AdapterError('upstream_bad_response', 'The upstream sent no stream body');
      for await (const message of readStreamMessages(response.body, adapter.streamFraming)) {
        for (const event of decoder.decode(message)) {
          yield event;
          if (event.type === 'error') return;
        }
      }
      yield* decoder.end();
    } catch (error) {
      yield {
        type: 'error',
        error: redact(
          isAdapterError(error) ? error : interruptionError(error, signal),
        ) as AdapterError,
      };
    }
  }
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new AdapterError('upstream_bad_response', 'The upstream answered with invalid JSON', {
      cause,
    });
  }
}

function transportError(cause: unknown, signal: AbortSignal | undefined): AdapterError {
  if (signal?.aborted) return new AdapterError('aborted', 'The request was cancelled', { cause });
  if (cause instanceof Error && cause.name === 'TimeoutError') {
    return new AdapterError('upstream_timeout', 'The upstream did not answer in time', { cause });
  }
  return new AdapterError('upstream_connection_failed', 'Could not reach the upstream', { cause });
}

/**
 * A network failure while reading a stream the upstream had already answered (2xx and
 * headers): it was reached, and then cut the answer off.
 */
function interruptionError(cause: unknown, signal: AbortSignal | undefined): AdapterError {
  const error = transportError(cause, signal);
  if (error.code !== 'upstream_connection_failed') return error;
  return new AdapterError(
    'upstream_stream_interrupted',
    'The upstream closed the stream mid-answer',
    { cause },
  );
}
