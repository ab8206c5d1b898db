import { parseUpstreamJson } from '../../core/parse-json';
import { AdapterError } from '../../spec/adapter-error';
import type { ChatRequest } from '../../spec/openai-chat-request';
import type { RawStreamMessage, StreamDecoder } from '../../spec/provider-adapter';
import type { StreamEvent } from '../../spec/stream-event';
import { mapOllamaStopReason } from './map-ollama-stop-reason';
import { type OllamaChatChunk, ollamaChatChunkSchema } from './ollama-api';
import { createOllamaStreamError } from './parse-ollama-error';
import { readOllamaCreated, readOllamaUsage, toOpenAIToolCall } from './read-ollama-chunk';

/**
 * Decodes Ollama's NDJSON: each line a chat object, the last one `done:true` with the counts.
 * Tool calls arrive whole, so each becomes a start plus one arguments delta. A
 * `{"error": ...}` line (sent after HTTP 200) becomes an error event. end() has nothing
 * pending and invents no finish when the `done` line never came.
 */
export function createOllamaStreamDecoder(request: ChatRequest): StreamDecoder {
  let started = false;
  let toolCallCount = 0;

  const start = (chunk: OllamaChatChunk): StreamEvent[] => {
    if (started) return [];
    started = true;
    const created = readOllamaCreated(chunk);
    return [{ type: 'start', model: chunk.model ?? request.model, ...(created && { created }) }];
  };

  const translate = (chunk: OllamaChatChunk): StreamEvent[] => {
    const events = start(chunk);
    const message = chunk.message;
    if (message?.thinking)
      events.push({ type: 'reasoning-delta', choice: 0, text: message.thinking });
    if (message?.content) events.push({ type: 'text-delta', choice: 0, text: message.content });
    for (const wireCall of message?.tool_calls ?? []) {
      const call = toOpenAIToolCall(wireCall);
      const index = toolCallCount++;
      events.push(
        { type: 'tool-call-start', choice: 0, index, id: call.id, name: call.function.name },
        { type: 'tool-call-delta', choice: 0, index, argumentsDelta: call.function.arguments },
      );
    }
    if (chunk.done) {
      const reason = mapOllamaStopReason(chunk.done_reason, toolCallCount > 0);
      events.push(
        { type: 'finish', choice: 0, reason },
        { type: 'usage', usage: readOllamaUsage(chunk) },
      );
    }
    return events;
  };

  return {
    decode(message: RawStreamMessage): StreamEvent[] {
      let payload: unknown;
      try {
        payload = parseUpstreamJson(message.data, 'Ollama stream line');
      } catch (error) {
        return [{ type: 'error', error: error as AdapterError }];
      }
      const upstreamError = (payload as { error?: unknown } | null)?.error;
      if (typeof upstreamError === 'string') {
        return [{ type: 'error', error: createOllamaStreamError(upstreamError) }];
      }
      const parsed = ollamaChatChunkSchema.safeParse(payload);
      if (!parsed.success) {
        const error = new AdapterError('upstream_bad_response', 'Unexpected Ollama stream line', {
          cause: parsed.error,
        });
        return [{ type: 'error', error }];
      }
      return translate(parsed.data);
    },
    end: () => [],
  };
}
