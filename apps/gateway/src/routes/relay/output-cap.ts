import { type ChatRequest, requestedMaxTokens } from '@oneapi/adapters';

/**
 * Output tokens the default cap adds for reasoning, per requested effort: the thinking
 * budgets of the Claude adapters (Anthropic's; Bedrock's are smaller), so a thinking budget
 * fits beneath the cap and the answer still has the whole default after it. OpenAI's
 * reasoning models count reasoning in `max_completion_tokens` the same way.
 */
const REASONING_ALLOWANCE: Readonly<Record<string, number>> = {
  minimal: 1024,
  low: 2048,
  medium: 8192,
  high: 24_576,
};

/** The most output tokens a request may produce when its caller set no limit. */
export function defaultOutputCap(defaultMaxTokens: number, reasoningEffort: unknown): number {
  const allowance =
    typeof reasoningEffort === 'string' && Object.hasOwn(REASONING_ALLOWANCE, reasoningEffort)
      ? REASONING_ALLOWANCE[reasoningEffort]!
      : 0;
  return defaultMaxTokens + allowance;
}

/**
 * The chat request as sent upstream, and the completion bound its reservation is priced on.
 * A caller that set no limit gets the default cap as `max_completion_tokens`, which each
 * adapter maps to its provider's field (max_tokens, maxOutputTokens, num_predict, ...).
 * Without a cap the upstream could write more than was held, and the difference would be
 * taken at settlement past the balance: the overdraw of issue 15 (docs/decisions/0003).
 */
export function capOutput(
  request: ChatRequest,
  defaultMaxTokens: number,
): { readonly request: ChatRequest; readonly maxTokens: number } {
  const requested = requestedMaxTokens(request);
  if (requested !== undefined) return { request, maxTokens: requested };
  const maxTokens = defaultOutputCap(defaultMaxTokens, request.reasoning_effort);
  return { request: { ...request, max_completion_tokens: maxTokens }, maxTokens };
}
