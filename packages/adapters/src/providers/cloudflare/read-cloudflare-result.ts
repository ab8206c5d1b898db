import { createToolCallId } from '../../core/tool-call-ids';
import type { ChatToolCall } from '../../spec/openai-chat-response';
import type { Usage } from '../../spec/usage';
import type { CloudflareResult, CloudflareToolCall } from './cloudflare-api';

/** `response` is text, or an object when the model was asked for JSON. */
export function readCloudflareText(result: CloudflareResult): string {
  const response = result.response;
  if (response == null) return '';
  return typeof response === 'string' ? response : JSON.stringify(response);
}

/** Either tool-call shape to OpenAI's, with an id when the model gave none. */
export function toOpenAIToolCall(call: CloudflareToolCall): ChatToolCall {
  const name = call.function?.name ?? call.name ?? '';
  const args = call.function ? call.function.arguments : call.arguments;
  return {
    id: call.id || createToolCallId(),
    type: 'function',
    function: { name, arguments: typeof args === 'string' ? args : JSON.stringify(args ?? {}) },
  };
}

export function readCloudflareUsage(result: CloudflareResult): Usage | undefined {
  if (!result.usage) return undefined;
  return {
    promptTokens: result.usage.prompt_tokens ?? 0,
    completionTokens: result.usage.completion_tokens ?? 0,
  };
}
