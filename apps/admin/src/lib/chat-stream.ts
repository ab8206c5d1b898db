import { t } from '../i18n/t';
import { createSseParser, type SseFrame } from './sse-parser';

/** Token counts from the usage chunk (`stream_options.include_usage`). */
export interface ChatUsage {
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly totalTokens: number;
}

/** What the Playground does with one frame of a chat completion stream. */
export type ChatStreamEvent =
  /** The chunk's `model`: who answered, which may differ from the name asked for. */
  | { readonly type: 'model'; readonly model: string }
  | { readonly type: 'delta'; readonly text: string }
  | { readonly type: 'usage'; readonly usage: ChatUsage }
  | { readonly type: 'error'; readonly message: string }
  | { readonly type: 'done' };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const count = (value: unknown) => (typeof value === 'number' && value >= 0 ? value : 0);

/**
 * Reads one frame of `chat.completion.chunk`s. The payload is untrusted JSON: only the
 * fields the Playground shows are read, each checked. After its first event the gateway
 * reports a failure as an `{error}` frame (and no `[DONE]`); an `event: error` frame is
 * treated the same.
 */
export function toChatEvents(frame: SseFrame): ChatStreamEvent[] {
  if (frame.data === '[DONE]') return [{ type: 'done' }];
  let payload: unknown;
  try {
    payload = JSON.parse(frame.data);
  } catch {
    return [{ type: 'error', message: t('stream.notJson') }];
  }
  if (!isRecord(payload)) return [{ type: 'error', message: t('stream.unknownFrame') }];
  if (frame.event === 'error' || payload.error !== undefined) {
    const error = isRecord(payload.error) ? payload.error : payload;
    const message = typeof error.message === 'string' && error.message !== '' ? error.message : '';
    return [{ type: 'error', message: message || t('stream.error') }];
  }
  const events: ChatStreamEvent[] = [];
  if (typeof payload.model === 'string' && payload.model !== '')
    events.push({ type: 'model', model: payload.model });
  const choices = Array.isArray(payload.choices) ? payload.choices : [];
  // The Playground asks for one choice; a refusal is shown as the reply.
  const first = choices.find((choice) => isRecord(choice) && (choice.index ?? 0) === 0);
  const delta = isRecord(first) && isRecord(first.delta) ? first.delta : {};
  for (const text of [delta.content, delta.refusal]) {
    if (typeof text === 'string' && text !== '') events.push({ type: 'delta', text });
  }
  if (isRecord(payload.usage)) {
    events.push({
      type: 'usage',
      usage: {
        promptTokens: count(payload.usage.prompt_tokens),
        completionTokens: count(payload.usage.completion_tokens),
        totalTokens: count(payload.usage.total_tokens),
      },
    });
  }
  return events;
}

/**
 * The events of a streamed chat answer, in order, ending with `done` or `error`: a stream
 * that stops before `[DONE]` without saying why ends with an error too.
 */
export async function* readChatStream(
  body: ReadableStream<Uint8Array>,
): AsyncGenerator<ChatStreamEvent> {
  const parser = createSseParser();
  const decoder = new TextDecoder();
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      const frames = done ? parser.push(decoder.decode()).concat(parser.end()) : [];
      if (!done) frames.push(...parser.push(decoder.decode(value, { stream: true })));
      for (const frame of frames) {
        for (const event of toChatEvents(frame)) {
          yield event;
          if (event.type === 'done' || event.type === 'error') return;
        }
      }
      if (done) break;
    }
    yield { type: 'error', message: t('stream.cutShort') };
  } finally {
    // Stops the download when the caller stops reading (Stop button, page left).
    await reader.cancel().catch(() => undefined);
  }
}
