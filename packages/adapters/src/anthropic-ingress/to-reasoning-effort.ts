import type { ChatRequest } from '../spec/openai-chat-request';
import type { AnthropicMessagesInput } from './anthropic-messages-schema';

type ReasoningEffort = NonNullable<ChatRequest['reasoning_effort']>;

/*
 * Anthropic's `output_config.effort` as OpenAI's effort: `max` (and any level above high
 * that newer models add) is the most OpenAI has. Adaptive thinking without an effort thinks
 * as much as the model sees fit, which Anthropic documents as effort `high`.
 */
const EFFORTS: Readonly<Record<string, ReasoningEffort>> = {
  low: 'low',
  medium: 'medium',
  high: 'high',
  xhigh: 'high',
  max: 'high',
};

/**
 * The canonical `reasoning_effort` for an Anthropic request's thinking: a fixed budget by
 * its size (low below 4,000 tokens, medium below 16,000, high above), adaptive thinking by
 * its `output_config.effort`. Undefined when thinking is off; each target adapter then
 * maps the effort to its own control (OpenAI's `reasoning_effort`, Gemini's budget or level).
 */
export function toReasoningEffort(request: AnthropicMessagesInput): ReasoningEffort | undefined {
  const thinking = request.thinking;
  if (thinking?.type === 'enabled') {
    const budget = Number(thinking.budget_tokens);
    return budget >= 16_000 ? 'high' : budget >= 4_000 ? 'medium' : 'low';
  }
  if (thinking?.type !== 'adaptive') return undefined;
  const effort = request.output_config?.effort;
  return effort !== undefined && Object.hasOwn(EFFORTS, effort) ? EFFORTS[effort] : 'high';
}
