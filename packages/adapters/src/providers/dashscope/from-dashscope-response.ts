import { buildChatCompletion } from '../../core/build-chat-completion';
import { createToolCallId } from '../../core/tool-call-ids';
import { AdapterError } from '../../spec/adapter-error';
import type { ChatRequest } from '../../spec/openai-chat-request';
import type { ChatCompletion } from '../../spec/openai-chat-response';
import { dashScopeResponseSchema } from './dashscope-api';
import { mapDashScopeStopReason } from './map-dashscope-stop-reason';
import { readDashScopeText, readDashScopeUsage } from './read-dashscope-usage';

/** A native (result_format "message") response as an OpenAI chat.completion. */
export function fromDashScopeResponse(body: unknown, request: ChatRequest): ChatCompletion {
  const parsed = dashScopeResponseSchema.safeParse(body);
  const choice = parsed.data?.output.choices?.[0];
  if (!parsed.success || !choice) {
    throw new AdapterError('upstream_bad_response', 'DashScope returned an unexpected body', {
      cause: parsed.error,
    });
  }
  const toolCalls = (choice.message.tool_calls ?? []).map((call) => ({
    id: call.id || createToolCallId(),
    type: 'function' as const,
    function: { name: call.function?.name ?? '', arguments: call.function?.arguments ?? '' },
  }));
  const text = readDashScopeText(choice.message.content);
  return buildChatCompletion({
    ...(parsed.data.request_id && { id: parsed.data.request_id }),
    model: request.model,
    text: text === '' && toolCalls.length > 0 ? null : text,
    reasoning: choice.message.reasoning_content ?? undefined,
    toolCalls,
    finishReason: mapDashScopeStopReason(choice.finish_reason) ?? null,
    usage: readDashScopeUsage(parsed.data.usage),
  });
}
