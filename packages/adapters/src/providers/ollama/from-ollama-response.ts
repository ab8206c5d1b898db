import { buildChatCompletion } from '../../core/build-chat-completion';
import { AdapterError } from '../../spec/adapter-error';
import type { ChatRequest } from '../../spec/openai-chat-request';
import type { ChatCompletion } from '../../spec/openai-chat-response';
import { mapOllamaStopReason } from './map-ollama-stop-reason';
import { ollamaChatChunkSchema } from './ollama-api';
import { readOllamaCreated, readOllamaUsage, toOpenAIToolCall } from './read-ollama-chunk';

/** A non-stream /api/chat body (`stream:false`) as an OpenAI chat.completion. */
export function fromOllamaResponse(body: unknown, request: ChatRequest): ChatCompletion {
  const parsed = ollamaChatChunkSchema.safeParse(body);
  if (!parsed.success || !parsed.data.message) {
    throw new AdapterError('upstream_bad_response', 'Ollama returned an unexpected chat body', {
      cause: parsed.error,
    });
  }
  const response = parsed.data;
  const toolCalls = (response.message?.tool_calls ?? []).map(toOpenAIToolCall);
  const text = response.message?.content ?? '';
  return buildChatCompletion({
    model: response.model ?? request.model,
    created: readOllamaCreated(response),
    text: text === '' && toolCalls.length > 0 ? null : text,
    reasoning: response.message?.thinking ?? undefined,
    toolCalls,
    finishReason: mapOllamaStopReason(response.done_reason, toolCalls.length > 0),
    usage: readOllamaUsage(response),
  });
}
