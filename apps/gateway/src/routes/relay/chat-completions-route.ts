import {
  AdapterError,
  createOpenAIChunkEncoder,
  type StreamEvent,
  createUsageMeter,
  isAdapterError,
  parseChatRequest,
  type Usage,
} from '@oneapi/adapters';
import { Hono } from 'hono';
import type { GatewayServices } from '../../compose';
import type { AppEnv } from '../../http/app-env';
import { GatewayError } from '../../http/gateway-error';
import { createChannelClient } from './create-channel-client';
import { mapModel } from './map-model';
import { recordRequestLog } from './record-request-log';
import { selectChannel } from './select-channel';

const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
};

/** POST /v1/chat/completions for any channel type, streamed or not. */
export function createChatCompletionsRoute(services: GatewayServices) {
  const app = new Hono<AppEnv>();

  app.post('/chat/completions', async (c) => {
    const startedAt = Date.now();
    const request = parseChatRequest(
      await c.req.json().catch(() => {
        throw new GatewayError('invalid_request', 'The request body must be valid JSON');
      }),
    );
    const token = c.get('token');
    const owner = c.get('tokenOwner');
    if (token.allowedModels && !token.allowedModels.includes(request.model)) {
      throw new GatewayError(
        'model_not_allowed',
        `This API key may not use model ${request.model}`,
        { param: 'model' },
      );
    }
    const group = token.groupName ?? owner.groupName;
    const channel = await selectChannel(services.storage, group, request.model);
    const client = createChannelClient(services, channel);
    const upstreamRequest = { ...request, model: mapModel(request.model, channel.modelMapping) };
    const log = (
      usage: Usage | undefined,
      status: number,
      extra: { firstTokenMs?: number; error?: string } = {},
    ) =>
      recordRequestLog(services, {
        token,
        channel,
        model: request.model,
        upstreamModel: upstreamRequest.model,
        usage,
        status,
        isStream: request.stream === true,
        elapsedMs: Date.now() - startedAt,
        clientIp: c.req.header('x-forwarded-for') ?? null,
        ...extra,
      });

    if (!request.stream) {
      const completion = await client
        .chat(upstreamRequest, { signal: c.req.raw.signal })
        .catch(async (error) => {
          await log(undefined, isAdapterError(error) ? error.status : 500, {
            error: String(error?.message),
          });
          throw error;
        });
      const usage = completion.usage && {
        promptTokens: completion.usage.prompt_tokens,
        completionTokens: completion.usage.completion_tokens,
      };
      await log(usage, 200);
      return c.json({ ...completion, model: request.model });
    }

    const abort = new AbortController();
    c.req.raw.signal.addEventListener('abort', () => abort.abort(), { once: true });
    const events = await client
      .stream(upstreamRequest, { signal: abort.signal })
      .catch(async (error) => {
        await log(undefined, isAdapterError(error) ? error.status : 500, {
          error: String(error?.message),
        });
        throw error;
      });
    const encoder = createOpenAIChunkEncoder({
      model: request.model,
      includeUsage: request.stream_options?.include_usage === true,
    });
    const meter = createUsageMeter(upstreamRequest);
    const textEncoder = new TextEncoder();
    const iterator = events[Symbol.asyncIterator]();
    let firstTokenMs: number | undefined;
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      // Logged whether the stream completed, failed upstream, or the client left.
      void log(meter.usage(), encoder.error ? encoder.error.status : 200, {
        ...(firstTokenMs !== undefined && { firstTokenMs }),
        ...(encoder.error && { error: encoder.error.message }),
      });
    };
    const body = new ReadableStream<Uint8Array>({
      // A pull that enqueues nothing is not called again, so keep reading until an event
      // produces a frame (start and usage events produce none) or the stream ends.
      async pull(controller) {
        for (;;) {
          const next = await nextWithin(iterator, services.config.streamIdleTimeoutMs, abort);
          if (next.done) {
            for (const frame of encoder.end()) controller.enqueue(textEncoder.encode(frame));
            controller.close();
            finish();
            return;
          }
          meter.observe(next.value);
          const frames = encoder.encode(next.value);
          if (frames.length === 0) continue;
          firstTokenMs ??= Date.now() - startedAt;
          controller.enqueue(textEncoder.encode(frames.join('')));
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
  });

  return app;
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
    const error = new AdapterError('upstream_timeout', `The upstream sent nothing for ${idleMs / 1000} s`);
    return { done: false, value: { type: 'error', error } };
  } finally {
    clearTimeout(timer);
  }
}
