import { buildChatCompletion } from '../../core/build-chat-completion';
import { AdapterError } from '../../spec/adapter-error';
import type { ChatRequest } from '../../spec/openai-chat-request';
import type { ChatCompletion } from '../../spec/openai-chat-response';
import { type CohereChatResponse, cohereChatResponseSchema } from './cohere-api';
import { mapCohereStopReason } from './map-cohere-stop-reason';
import { readCohereUsage } from './read-cohere-usage';

/**
 * A Cohere v2 chat response as an OpenAI chat.completion. `tool_plan` (the model's note on
 * what it will call and why) goes to `reasoning_content`, not `content`: it is thinking
 * aloud, and reasoning_content is never sent back upstream, so it cannot leak into the next
 * turn as assistant text. Citations have no OpenAI field and are dropped.
 */
export function fromCohereResponse(body: unknown, request: ChatRequest): ChatCompletion {
  const parsed = cohereChatResponseSchema.safeParse(body);
  if (!parsed.success) {
    throw new AdapterError('upstream_bad_response', 'Cohere returned an unexpected chat body', {
      cause: parsed.error,
    });
  }
  const response = parsed.data;
  const finish = mapCohereStopReason(response.finish_reason);
  if (finish === 'error') {
    throw new AdapterError(
      'upstream_server_error',
      `Cohere stopped with ${response.finish_reason}`,
    );
  }
  const text = joinContent(response, 'text');
  const reasoning = [joinContent(response, 'thinking'), response.message.tool_plan ?? '']
    .filter((part) => part !== '')
    .join('\n');
  return buildChatCompletion({
    id: response.id,
    model: request.model,
    text: text === '' && response.message.tool_calls?.length ? null : text,
    reasoning,
    toolCalls: (response.message.tool_calls ?? []).map((call) => ({
      id: call.id,
      type: 'function' as const,
      function: { name: call.function.name, arguments: call.function.arguments || '{}' },
    })),
    finishReason: finish,
    usage: readCohereUsage(response.usage),
  });
}

function joinContent(response: CohereChatResponse, type: 'text' | 'thinking'): string {
  return (response.message.content ?? [])
    .filter((part) => part.type === type)
    .map((part) => part[type] ?? '')
    .join('');
}
