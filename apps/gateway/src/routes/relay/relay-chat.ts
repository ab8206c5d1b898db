import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  type AdapterError,
  boundPromptTokens,
  type ChatCompletion,
  type ChatRequest,
  createUsageMeter,
  fromOpenAIUsage,
  type StreamEvent,
  yieldToEventLoop,
} from '@oneapi/adapters';
import type { CallContext } from '@oneapi/router';
import type { Context } from 'hono';
import type { GatewayServices } from '../../compose';
import type { AppEnv } from '../../http/app-env';
import { GatewayError } from '../../http/gateway-error';
import { OFF_THREAD_JSON_BYTES } from '../../http/read-json';
import { HEARTBEAT, untilNextOrHeartbeat } from './heartbeat';
import { capOutput } from './output-cap';
import { beginRelay } from './relay-session';

interface ChatEncoder {
  encode(event: StreamEvent): string[];
  end(): string[];
  readonly error: AdapterError | undefined;
}

/** What differs between answering OpenAI clients and Anthropic clients. */
export interface ChatFormat {
  /** May be async: the Anthropic encoder counts the prompt's tokens for message_start. */
  createEncoder(request: ChatRequest): ChatEncoder | Promise<ChatEncoder>;
  renderCompletion(completion: ChatCompletion, request: ChatRequest): unknown;
  /** Sent when the upstream has been silent for STREAM_HEARTBEAT. */
  readonly heartbeat: string;
  /** For streams that are not SSE (Gemini's JSON array stream). */
  readonly streamContentType?: string;
}

/** The bound is the prompt's bytes: a body parsed off the loop's thread (read-json.ts) is larger. */
const LARGE_PROMPT_TOKENS = OFF_THREAD_JSON_BYTES;

export const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
};

/**
 * One chat request through the gateway, in any client format: admitted and reserved by
 * `beginRelay`, sent through the router with the mapped model, answered in the client's
 * format, then settled on what was used (or released when nothing was delivered).
 */
export async function relayChat(
  services: GatewayServices,
  c: Context<AppEnv>,
  request: ChatRequest,
  format: ChatFormat,
  /** The body as the client wrote it, when it was not OpenAI's (for its session hints). */
  clientBody: unknown = request,
  /** Only these channels may serve it (a body only OpenAI-compatible channels take). */
  accepts?: CallContext['accepts'],
): Promise<Response> {
  const startedAt = Date.now();
  // The upstream is told the completion bound the reservation is priced on.
  const capped = capOutput(request, services.config.defaultMaxTokens);
  // An upper bound that needs no tokenizer: holding quota costs linear time on any text.
  const promptTokens = await boundPromptTokens(request);
  // A prompt of megabytes next costs milliseconds to encode for the upstream (and to count):
  // a turn of the event loop between the steps keeps them from adding up to one pause.
  if (promptTokens >= LARGE_PROMPT_TOKENS) await yieldToEventLoop();
  const session = await beginRelay(
    services,
    c,
    request.model,
    // max_tokens limits each of the n choices; usage counts them all.
    { promptTokens, maxTokens: capped.maxTokens * (request.n ?? 1) },
    {
      stream: request.stream === true,
      body: clientBody,
      operation: 'chat',
      input: () => request.messages,
    },
  );

  const dispatchContext = accepts
    ? { ...session.dispatchContext, accepts }
    : session.dispatchContext;
  if (!request.stream) {
    const result = await services.router
      .dispatch({ ...capped.request, stream: false }, dispatchContext)
      .catch(session.fail);
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
    // Read as a stream's usage chunk is, so both bill the same classes (cache reads, images).
    const reported = fromOpenAIUsage(result.completion.usage);
    if (reported) meter.observe({ type: 'usage', usage: reported });
    await session.settle({
      channelId: result.channel.id,
      attempts: result.attempts,
      usage: await meter.usage(),
      status: 200,
      responseModel: result.completion.model,
      finishReasons: result.completion.choices.flatMap((choice) =>
        choice.finish_reason ? [choice.finish_reason] : [],
      ),
    });
    return c.json(format.renderCompletion(result.completion, request));
  }

  // Made while the upstream is asked: the Anthropic encoder counts the prompt meanwhile.
  const encoderReady = format.createEncoder(request);
  const result = await services.router
    .dispatch({ ...capped.request, stream: true }, dispatchContext)
    .catch(session.fail);
  const encoder = await encoderReady;
  const meter = createUsageMeter({ ...request, model: result.channel.upstreamModel });
  const iterator = result.events[Symbol.asyncIterator]();
  // The read in progress: a heartbeat interrupts the wait for it, not the read.
  let pending: Promise<IteratorResult<StreamEvent>> | undefined;
  const bytes = new TextEncoder();
  let firstTokenMs: number | undefined;
  let firstFlushed = false;
  // For the trace: the model the upstream named and why each choice ended.
  let responseModel: string | undefined;
  const finishReasons: string[] = [];
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    // Settled whether the stream completed, failed upstream, or the client left: the prompt
    // plus what was delivered (the provider's count, or the tokenizer's estimate, flagged,
    // counted in slices that leave the event loop free).
    const outcome = {
      channelId: result.channel.id,
      attempts: result.attempts,
      status: encoder.error ? encoder.error.status : 200,
      ...(firstTokenMs !== undefined && { firstTokenMs }),
      ...(encoder.error && { error: encoder.error }),
      ...(responseModel !== undefined && { responseModel }),
      finishReasons,
    };
    void meter.usage().then((usage) => session.settleLater({ ...outcome, usage }));
  };
  const body = new ReadableStream<Uint8Array>({
    // A pull that enqueues nothing is not called again, so keep reading until an event
    // produces a frame (start and usage events produce none) or the stream ends.
    async pull(controller) {
      // Once, after the first frame: a turn of the event loop lets it out to the client
      // before the rest of what the upstream sent with it is translated (Node sends what a
      // response writes only once the microtasks of the turn have run).
      if (firstTokenMs !== undefined && !firstFlushed) {
        firstFlushed = true;
        await nextTurn();
      }
      for (;;) {
        pending ??= iterator.next();
        const next = await untilNextOrHeartbeat(pending, services.config.streamHeartbeatMs);
        if (next === HEARTBEAT) {
          controller.enqueue(bytes.encode(format.heartbeat));
          return;
        }
        pending = undefined;
        if (next.done) {
          const closing = encoder.end();
          if (closing.length > 0) controller.enqueue(bytes.encode(closing.join('')));
          controller.close();
          finish();
          return;
        }
        meter.observe(next.value);
        if (next.value.type === 'start') responseModel ??= next.value.model;
        else if (next.value.type === 'finish') finishReasons.push(next.value.reason);
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
  // c.body, not a new Response: it keeps the headers middleware set (X-Request-Id).
  const headers = format.streamContentType
    ? { ...SSE_HEADERS, 'content-type': format.streamContentType }
    : SSE_HEADERS;
  return c.body(body, 200, headers);
}
