import { createUsageMeter } from '../core/usage-meter';
import { AdapterError, isAdapterError } from '../spec/adapter-error';
import type { ChatRequest } from '../spec/openai-chat-request';
import type { StreamEvent } from '../spec/stream-event';
import type { Usage } from '../spec/usage';

const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  connection: 'keep-alive',
};

export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

/** Any thrown value as an AdapterError; unknown failures become a generic 502 without details. */
export function toAdapterError(error: unknown): AdapterError {
  if (isAdapterError(error)) return error;
  return new AdapterError('upstream_server_error', 'The request failed', { cause: error });
}

/** An SSE response fed by an async source of frames; the source stops when the client leaves. */
export function sseResponse(frames: AsyncIterable<string>, onCancel: () => void): Response {
  const encoder = new TextEncoder();
  const iterator = frames[Symbol.asyncIterator]();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      onCancel();
      await iterator.return?.();
    },
  });
  return new Response(body, { headers: SSE_HEADERS });
}

export async function readJsonBody(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new AdapterError('invalid_request', 'The request body must be valid JSON');
  }
}

/** What turns events into frames: the OpenAI chunk encoder or the Anthropic event encoder. */
export interface FrameEncoder {
  encode(event: StreamEvent): string[];
  end(): string[];
}

/**
 * The frames of one stream, metering usage as they go; `onFinish` gets the usage once, on
 * completion, upstream failure and client disconnect alike.
 */
export async function* encodeStream(
  events: AsyncIterable<StreamEvent>,
  encoder: FrameEncoder,
  request: ChatRequest,
  onFinish: ((usage: Usage) => void) | undefined,
): AsyncGenerator<string> {
  const meter = createUsageMeter(request);
  try {
    for await (const event of events) {
      meter.observe(event);
      yield* encoder.encode(event);
    }
    yield* encoder.end();
  } finally {
    if (onFinish) onFinish(await meter.usage());
  }
}
