import {
  AdapterError,
  type ChatCompletion,
  type ChatRequest,
  createUsageMeter,
  estimatePromptTokens,
  isAdapterError,
  requestedMaxTokens,
  type StreamEvent,
  type Usage,
} from '@oneapi/adapters';
import type { Context } from 'hono';
import type { GatewayServices } from '../../compose';
import type { AppEnv } from '../../http/app-env';
import { GatewayError } from '../../http/gateway-error';
import { createChannelClient } from './create-channel-client';
import { mapModel } from './map-model';
import { recordRequestLog } from './record-request-log';
import { selectChannel } from './select-channel';

/** What differs between answering OpenAI clients and Anthropic clients. */
export interface ChatFormat {
  createEncoder(request: ChatRequest): {
    encode(event: StreamEvent): string[];
    end(): string[];
    readonly error: AdapterError | undefined;
  };
  renderCompletion(completion: ChatCompletion, request: ChatRequest): unknown;
}

const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
};

/**
 * One chat request through the gateway, in any client format: checks the key may use the
 * model, picks a channel, reserves the estimated cost, sends the mapped model upstream,
 * answers in the client's format, and then settles what was used (or releases the
 * reservation when nothing was delivered). Settlement writes the consume log in the same
 * transaction; a failure writes an error log.
 */
export async function relayChat(
  services: GatewayServices,
  c: Context<AppEnv>,
  request: ChatRequest,
  format: ChatFormat,
): Promise<Response> {
  const startedAt = Date.now();
  const token = c.get('token');
  if (token.allowedModels && !token.allowedModels.includes(request.model)) {
    throw new GatewayError('model_not_allowed', `This API key may not use model ${request.model}`, {
      param: 'model',
    });
  }
  const group = token.groupName ?? c.get('tokenOwner').groupName;
  const channel = await selectChannel(services.storage, group, request.model);
  const client = createChannelClient(services, channel);
  const upstreamRequest = { ...request, model: mapModel(request.model, channel.modelMapping) };
  const clientIp = c.req.header('x-forwarded-for')?.split(',')[0]?.trim() ?? null;
  const reservation = await services.ledger.reserve({
    requestId: c.get('requestId'),
    userId: token.userId,
    tokenId: token.id,
    model: request.model,
    group,
    promptTokens: estimatePromptTokens(request),
    maxTokens: requestedMaxTokens(request) ?? null,
  });
  const settle = (
    usage: Usage,
    status: number,
    extra: { firstTokenMs?: number; error?: string } = {},
  ) =>
    services.ledger.settle(reservation, {
      channelId: channel.id,
      usage,
      log: {
        isStream: request.stream === true,
        elapsedMs: Date.now() - startedAt,
        status,
        upstreamModel: upstreamRequest.model,
        clientIp,
        attempts: [{ channelId: channel.id, status, latencyMs: Date.now() - startedAt }],
        ...(extra.firstTokenMs !== undefined && { firstTokenMs: extra.firstTokenMs }),
        ...(extra.error && { content: extra.error }),
      },
    });
  const releaseAndLog = async (error: unknown): Promise<never> => {
    await services.ledger.release(reservation, { channelId: channel.id });
    await recordRequestLog(services, {
      token,
      channel,
      model: request.model,
      upstreamModel: upstreamRequest.model,
      usage: undefined,
      status: isAdapterError(error) ? error.status : 500,
      isStream: request.stream === true,
      elapsedMs: Date.now() - startedAt,
      clientIp,
      error: String((error as Error)?.message),
    });
    throw error;
  };

  if (!request.stream) {
    const signal = AbortSignal.any([
      c.req.raw.signal,
      AbortSignal.timeout(services.config.relayTimeoutMs),
    ]);
    const completion = await client.chat(upstreamRequest, { signal }).catch(releaseAndLog);
    const meter = createUsageMeter(upstreamRequest);
    for (const choice of completion.choices) {
      meter.observe({
        type: 'text-delta',
        choice: choice.index,
        text: choice.message.content ?? '',
      });
    }
    if (completion.usage) {
      meter.observe({
        type: 'usage',
        usage: {
          promptTokens: completion.usage.prompt_tokens,
          completionTokens: completion.usage.completion_tokens,
          ...(completion.usage.prompt_tokens_details?.cached_tokens !== undefined && {
            cachedTokens: completion.usage.prompt_tokens_details.cached_tokens,
          }),
        },
      });
    }
    await settle(meter.usage(), 200);
    return c.json(format.renderCompletion(completion, request));
  }

  const abort = new AbortController();
  c.req.raw.signal.addEventListener('abort', () => abort.abort(), { once: true });
  const events = await client
    .stream(upstreamRequest, { signal: abort.signal })
    .catch(releaseAndLog);
  const encoder = format.createEncoder(request);
  const meter = createUsageMeter(upstreamRequest);
  const iterator = events[Symbol.asyncIterator]();
  const bytes = new TextEncoder();
  let firstTokenMs: number | undefined;
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    // Settled whether the stream completed, failed upstream, or the client left: the prompt
    // plus what was delivered (the provider's count, or the tokenizer's estimate, flagged).
    settle(meter.usage(), encoder.error ? encoder.error.status : 200, {
      ...(firstTokenMs !== undefined && { firstTokenMs }),
      ...(encoder.error && { error: encoder.error.message }),
    }).catch((error: unknown) => {
      // The reservation stays open and recovery settles or releases it.
      console.error(
        JSON.stringify({
          level: 'error',
          msg: 'settlement failed',
          requestId: reservation.requestId,
          err: String(error),
        }),
      );
    });
  };
  const body = new ReadableStream<Uint8Array>({
    // A pull that enqueues nothing is not called again, so keep reading until an event
    // produces a frame (start and usage events produce none) or the stream ends.
    async pull(controller) {
      for (;;) {
        const next = await nextWithin(iterator, services.config.streamIdleTimeoutMs, abort);
        if (next.done) {
          const closing = encoder.end();
          if (closing.length > 0) controller.enqueue(bytes.encode(closing.join('')));
          controller.close();
          finish();
          return;
        }
        meter.observe(next.value);
        const frames = encoder.encode(next.value);
        if (frames.length === 0) continue;
        firstTokenMs ??= Date.now() - startedAt;
        controller.enqueue(bytes.encode(frames.join('')));
        return;
      }
    },
    async cancel() {
      abort.abort();
      await iterator.return?.();
      finish();
    },
  });
  return new Response(body, { headers: SSE_HEADERS });
}

const IDLE = Symbol('idle');

/**
 * The next event, or an upstream_timeout error event when the upstream stays silent for
 * longer than the idle limit (STREAMING_TIMEOUT); the upstream request is then aborted.
 */
async function nextWithin(
  iterator: AsyncIterator<StreamEvent>,
  idleMs: number,
  abort: AbortController,
): Promise<IteratorResult<StreamEvent>> {
  let timer: NodeJS.Timeout | undefined;
  const idle = new Promise<typeof IDLE>((resolve) => {
    timer = setTimeout(() => resolve(IDLE), idleMs);
  });
  try {
    const next = await Promise.race([iterator.next(), idle]);
    if (next !== IDLE) return next;
    abort.abort();
    void iterator.return?.();
    const error = new AdapterError(
      'upstream_timeout',
      `The upstream sent nothing for ${idleMs / 1000} s`,
    );
    return { done: false, value: { type: 'error', error } };
  } finally {
    clearTimeout(timer);
  }
}
