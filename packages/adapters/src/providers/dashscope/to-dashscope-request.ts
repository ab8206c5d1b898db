import { toTextMessages } from '../../core/to-text-messages';
import { type ChatRequest, requestedMaxTokens } from '../../spec/openai-chat-request';
import type { UpstreamRequest, UpstreamTarget } from '../../spec/provider-adapter';

export const DASHSCOPE_GENERATION_PATH = '/api/v1/services/aigc/text-generation/generation';

/**
 * Builds the native generation call. `result_format: "message"` is required to get
 * OpenAI-like messages back. Streams always ask for `incremental_output: true`: without it
 * every event repeats the whole text so far, which wastes bandwidth and would make the
 * decoder rely on prefix trimming alone.
 */
export function toDashScopeRequest(request: ChatRequest, target: UpstreamTarget): UpstreamRequest {
  const stream = request.stream === true;
  const body = {
    model: request.model,
    input: { messages: toTextMessages(request.messages, 'DashScope text generation') },
    parameters: {
      result_format: 'message',
      ...(stream && { incremental_output: true }),
      ...toParameters(request),
    },
  };
  return {
    url: `${target.baseUrl}${DASHSCOPE_GENERATION_PATH}`,
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${target.apiKey}`,
      ...(stream && { 'X-DashScope-SSE': 'enable' }),
    },
    body: JSON.stringify(body),
  };
}

function toParameters(request: ChatRequest): Record<string, unknown> {
  const maxTokens = requestedMaxTokens(request);
  const tools = request.tools ?? [];
  return {
    ...(maxTokens !== undefined && { max_tokens: maxTokens }),
    ...(request.temperature != null && { temperature: request.temperature }),
    ...(request.top_p != null && { top_p: request.top_p }),
    ...(request.stop != null && { stop: request.stop }),
    ...(request.seed != null && { seed: request.seed }),
    ...(request.presence_penalty != null && { presence_penalty: request.presence_penalty }),
    ...(request.response_format && { response_format: request.response_format }),
    ...(tools.length > 0 && {
      tools: tools.map(({ function: fn }) => ({
        type: 'function',
        function: { name: fn.name, description: fn.description, parameters: fn.parameters },
      })),
    }),
    ...(request.tool_choice !== undefined && { tool_choice: request.tool_choice }),
    ...(request.parallel_tool_calls !== undefined && {
      parallel_tool_calls: request.parallel_tool_calls,
    }),
    // Qwen3's thinking switch is not an OpenAI field; callers send it as an extra body field.
    ...(typeof request.enable_thinking === 'boolean' && {
      enable_thinking: request.enable_thinking,
    }),
    ...(typeof request.thinking_budget === 'number' && {
      thinking_budget: request.thinking_budget,
    }),
  };
}
