import { createToolCallId } from '../../core/tool-call-ids';
import type { ChatToolCall } from '../../spec/openai-chat-response';
import type { Usage } from '../../spec/usage';
import type { OllamaChatChunk, OllamaWireToolCall } from './ollama-api';

/** Ollama's tool calls carry no id and an object for arguments; OpenAI wants both as strings. */
export function toOpenAIToolCall(call: OllamaWireToolCall): ChatToolCall {
  const args = call.function.arguments;
  return {
    id: createToolCallId(),
    type: 'function',
    function: {
      name: call.function.name,
      arguments: typeof args === 'string' ? args : JSON.stringify(args ?? {}),
    },
  };
}

/** Counts from the final object; prompt_eval_count is absent when the prompt was all cached. */
export function readOllamaUsage(chunk: OllamaChatChunk): Usage {
  return { promptTokens: chunk.prompt_eval_count ?? 0, completionTokens: chunk.eval_count ?? 0 };
}

/** `created_at` is an RFC 3339 time with nanoseconds; OpenAI wants Unix seconds. */
export function readOllamaCreated(chunk: OllamaChatChunk): number | undefined {
  const millis = chunk.created_at ? Date.parse(chunk.created_at) : Number.NaN;
  return Number.isNaN(millis) ? undefined : Math.floor(millis / 1000);
}
