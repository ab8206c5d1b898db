import { AdapterError } from '../../spec/adapter-error';
import { type ChatRequest, requestedMaxTokens } from '../../spec/openai-chat-request';

/** Claude's smallest allowed thinking budget. */
const MIN_BUDGET = 1024;

/**
 * `reasoning_effort` -> Claude `thinking.budget_tokens`:
 * minimal 1024, low 2048, medium 8192, high 16384. Claude needs the budget below
 * `max_tokens`, so with `max_tokens` set the budget is capped at `max_tokens - 1`.
 * Without it, Bedrock's default output limit for the model applies and must exceed the budget.
 */
const BUDGETS = { minimal: 1024, low: 2048, medium: 8192, high: 16_384 } as const;

export interface ClaudeThinking {
  type: 'enabled';
  budget_tokens: number;
}

/**
 * Claude's extended thinking, for Claude models only (ids and inference profiles such as
 * `us.anthropic.claude-...`). Other Bedrock models take reasoning settings of their own
 * shape, so `reasoning_effort` is not forwarded to them.
 */
export function toBedrockThinking(request: ChatRequest): ClaudeThinking | undefined {
  const effort = request.reasoning_effort;
  if (!effort || !/claude/i.test(request.model)) return undefined;
  const maxTokens = requestedMaxTokens(request);
  if (maxTokens !== undefined && maxTokens <= MIN_BUDGET) {
    throw new AdapterError(
      'invalid_request',
      `reasoning_effort on Claude needs max_tokens above ${MIN_BUDGET} (the smallest thinking budget)`,
      { param: 'max_tokens' },
    );
  }
  const budget = Math.min(BUDGETS[effort], maxTokens === undefined ? Infinity : maxTokens - 1);
  return { type: 'enabled', budget_tokens: budget };
}
