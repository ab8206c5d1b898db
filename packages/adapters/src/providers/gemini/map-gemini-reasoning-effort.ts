import type { ChatRequest } from '../../spec/openai-chat-request';
import type { GeminiThinkingConfig } from './gemini-api';

type ReasoningEffort = NonNullable<ChatRequest['reasoning_effort']>;

/*
 * OpenAI's reasoning_effort has no Gemini field of its own, and the right knob depends on
 * the model generation (Gemini rejects a request that sets both):
 * - Gemini 3 takes `thinkingLevel`. Flash models know minimal/low/medium/high; Pro models
 *   only low/high, so there minimal rounds up to low and medium up to high.
 * - Older thinking models (2.5) take a token `thinkingBudget`. low/medium/high use the
 *   budgets Google's own OpenAI-compatible endpoint documents (1K, 8K, 24K); minimal is 512,
 *   the smallest budget every 2.5 model accepts (Flash-Lite's minimum; Pro cannot use 0).
 * `includeThoughts` is not set: the caller asked for an effort, not for thought summaries.
 */
const THINKING_BUDGETS: Record<ReasoningEffort, number> = {
  minimal: 512,
  low: 1024,
  medium: 8192,
  high: 24576,
};

const PRO_THINKING_LEVELS: Record<ReasoningEffort, 'low' | 'high'> = {
  minimal: 'low',
  low: 'low',
  medium: 'high',
  high: 'high',
};

export function mapGeminiReasoningEffort(
  model: string,
  effort: ReasoningEffort,
): GeminiThinkingConfig {
  if (!/gemini-3/.test(model)) return { thinkingBudget: THINKING_BUDGETS[effort] };
  if (/-pro/.test(model)) return { thinkingLevel: PRO_THINKING_LEVELS[effort] };
  return { thinkingLevel: effort };
}
