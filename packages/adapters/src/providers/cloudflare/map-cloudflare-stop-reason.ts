import { type ChatRequest, requestedMaxTokens } from '../../spec/openai-chat-request';
import type { FinishReason } from '../../spec/openai-chat-response';
import type { Usage } from '../../spec/usage';

/**
 * Workers AI reports no stop reason, so it is derived: tool calls mean `tool_calls`; output
 * that reached the caller's max_tokens means `length` (Workers AI cuts silently there);
 * anything else is `stop`.
 */
export function mapCloudflareStopReason(
  request: ChatRequest,
  sawToolCalls: boolean,
  usage: Usage | undefined,
): FinishReason {
  if (sawToolCalls) return 'tool_calls';
  const maxTokens = requestedMaxTokens(request);
  if (maxTokens !== undefined && usage && usage.completionTokens >= maxTokens) return 'length';
  return 'stop';
}
