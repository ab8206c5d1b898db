import type { ChatRequest } from '../spec/openai-chat-request';

type ReasoningEffort = NonNullable<ChatRequest['reasoning_effort']>;

const LEVELS = new Set<string>(['minimal', 'low', 'medium', 'high']);

/**
 * Gemini's thinking controls as the canonical effort. `thinkingLevel` (Gemini 3) names one
 * directly. A 2.5 `thinkingBudget` becomes the smallest effort whose budget in the Gemini
 * adapter (512, 1K, 8K, 24K) covers it, so a Gemini channel gets back at least what was
 * asked; -1 (the model decides) is medium; 0 (thinking off) sets no effort.
 */
export function toReasoningEffort(
  config: { thinkingBudget?: number; thinkingLevel?: string } | undefined,
): ReasoningEffort | undefined {
  const level = config?.thinkingLevel?.toLowerCase();
  if (level && LEVELS.has(level)) return level as ReasoningEffort;
  const budget = config?.thinkingBudget;
  if (budget === undefined || budget === 0) return undefined;
  if (budget === -1) return 'medium';
  if (budget <= 512) return 'minimal';
  if (budget <= 1024) return 'low';
  if (budget <= 8192) return 'medium';
  return 'high';
}
