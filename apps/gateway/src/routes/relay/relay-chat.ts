import {
  type AdapterError,
  type ChatCompletion,
  type ChatRequest,
  createUsageMeter,
  estimatePromptTokens,
  isAdapterError,
  requestedMaxTokens,
  type StreamEvent,
} from '@oneapi/adapters';
import { relayRateLimitRules } from '@oneapi/ledger';
import { type Attempt, isRouterError } from '@oneapi/router';
import type { Context } from 'hono';
import type { GatewayServices } from '../../compose';
import type { AppEnv } from '../../http/app-env';
import { GatewayError } from '../../http/gateway-error';
import { enforceRateLimit } from '../../middleware/limit-rate';
import { recordRequestLog } from './record-request-log';

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
  const clientIp = c.req.header('x-forwarded-for')?.split(',')[0]?.trim() ?? null;
  const promptTokens = estimatePromptTokens(request);
  const maxTokens = requestedMaxTokens(request) ?? null;
  await enforceRateLimit(
    services,
    c,
    relayRateLimitRules(
      { token: services.config.rateLimits.token, user: services.config.rateLimits.user },
      {
        tokenId: token.id,
        userId: token.userId,
        group,
        model: request.model,
        estimatedTokens: promptTokens + (maxTokens ?? 0),
      },
    ),
  );
  // Without a channel there is nothing to reserve for; say so before any price lookup.
  if (!services.channelSource.serves(group, request.model)) {
    throw new GatewayError(
      'no_channel_available',
      `No available channel for model ${request.model} in group ${group}`,
      {
        param: 'model',
      },
    );
  }
  const reservation = await services.ledger.reserve({
    requestId: c.get('requestId'),
    userId: token.userId,
    tokenId: token.id,
    model: request.model,
    group,
    promptTokens,
    maxTokens,
  });
  const logDetails = (
    attempts: readonly Attempt[],
    status: number,
    extra: { firstTokenMs?: number; error?: string } = {},
  ) => ({
    isStream: request.stream === true,
    elapsedMs: Date.now() - startedAt,
    status,
    clientIp,
    attempts: attempts.map(toLogAttempt),
    upstreamModel: attempts.at(-1)?.upstreamModel ?? null,
    ...(extra.firstTokenMs !== undefined && { firstTokenMs: extra.firstTokenMs }),
    ...(extra.error && { content: extra.error }),
  });
  const releaseAndLog = async (error: unknown): Promise<never> => {
    const attempts = isRouterError(error) ? error.attempts : [];
    const status = isRouterError(error) || isAdapterError(error) ? error.status : 500;
    await services.ledger.release(reservation, { channelId: attempts.at(-1)?.channelId ?? null });
    await recordRequestLog(services, {
      type: 'error',
      userId: token.userId,
      tokenId: token.id,
      channelId: attempts.at(-1)?.channelId ?? null,
      model: request.model,
      requestId: reservation.requestId,
      ...logDetails(attempts, status, { error: String((error as Error)?.message) }),
    });
    services.metrics.observeRelay({
      model: request.model,
      channelId: attempts.at(-1)?.channelId ?? null,
      status,
      stream: request.stream === true,
      durationMs: Date.now() - startedAt,
      errorClass: isRouterError(error) || isAdapterError(error) ? error.code : 'internal',
    });
    throw error;
  };
  const context = {
    group,
    signal: c.req.raw.signal,
    ...(token.allowedModels && { allowedModels: token.allowedModels }),
  };

  if (!request.stream) {
    const result = await services.router
      .dispatch({ ...request, stream: false }, context)
      .catch(releaseAndLog);
    if (result.kind !== 'completion')
      throw new GatewayError('internal_error', 'Expected a completion');
    const meter = createUsageMeter(request);
    for (const choice of result.completion.choices) {
      meter.observe({
        type: 'text-delta',
        choice: choice.index,
        text: choice.message.content ?? '',
      });
    }
    const reported = result.completion.usage;
    if (reported) {
      meter.observe({
        type: 'usage',
        usage: {
          promptTokens: reported.prompt_tokens,
          completionTokens: reported.completion_tokens,
          ...(reported.prompt_tokens_details?.cached_tokens !== undefined && {
            cachedTokens: reported.prompt_tokens_details.cached_tokens,
          }),
        },
      });
    }
    const usage = meter.usage();
    await services.ledger.settle(reservation, {
      channelId: result.channel.id,
      usage,
      log: logDetails(result.attempts, 200),
    });
    services.metrics.observeRelay({
      model: request.model,
      channelId: result.channel.id,
      status: 200,
      stream: false,
      durationMs: Date.now() - startedAt,
      promptTokens: usage.promptTokens,
      completionTokens: usage.completionTokens,
    });
    return c.json(format.renderCompletion(result.completion, request));
  }

  const result = await services.router
    .dispatch({ ...request, stream: true }, context)
    .catch(releaseAndLog);
  const encoder = format.createEncoder(request);
  const meter = createUsageMeter({ ...request, model: result.channel.upstreamModel });
  const iterator = result.events[Symbol.asyncIterator]();
  const bytes = new TextEncoder();
  let firstTokenMs: number | undefined;
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    // Settled whether the stream completed, failed upstream, or the client left: the prompt
    // plus what was delivered (the provider's count, or the tokenizer's estimate, flagged).
    const status = encoder.error ? encoder.error.status : 200;
    const usage = meter.usage();
    services.metrics.observeRelay({
      model: request.model,
      channelId: result.channel.id,
      status,
      stream: true,
      durationMs: Date.now() - startedAt,
      promptTokens: usage.promptTokens,
      completionTokens: usage.completionTokens,
      ...(firstTokenMs !== undefined && { firstTokenMs }),
      ...(encoder.error && { errorClass: encoder.error.code }),
    });
    services.ledger
      .settle(reservation, {
        channelId: result.channel.id,
        usage,
        log: logDetails(result.attempts, status, {
          ...(firstTokenMs !== undefined && { firstTokenMs }),
          ...(encoder.error && { error: encoder.error.message }),
        }),
      })
      .catch((error: unknown) => {
        // The reservation stays open; recovery settles or releases it.
        services.logger.error(
          { requestId: reservation.requestId, err: String(error) },
          'settlement failed',
        );
      });
  };
  const body = new ReadableStream<Uint8Array>({
    // A pull that enqueues nothing is not called again, so keep reading until an event
    // produces a frame (start and usage events produce none) or the stream ends.
    async pull(controller) {
      for (;;) {
        const next = await iterator.next();
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
      // The router aborts the upstream when the iteration is stopped.
      await iterator.return?.();
      finish();
    },
  });
  return new Response(body, { headers: SSE_HEADERS });
}

function toLogAttempt(attempt: Attempt) {
  return {
    channelId: attempt.channelId,
    keyIndex: attempt.keyIndex,
    ...(attempt.upstreamStatus !== undefined && { status: attempt.upstreamStatus }),
    ...(attempt.errorCode !== undefined && { errorClass: attempt.errorCode }),
    ...(attempt.latencyMs !== undefined && { latencyMs: attempt.latencyMs }),
  };
}
