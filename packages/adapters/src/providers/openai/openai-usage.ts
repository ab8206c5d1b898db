import { asRecord } from '../../core/parse-json';
import type { Usage } from '../../spec/usage';

const count = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/**
 * Reads an OpenAI-style `usage` object, including the compatible vendors' variants:
 * DeepSeek's `prompt_cache_hit_tokens`, and Groq's copy under `x_groq.usage`.
 */
export function fromOpenAIUsage(raw: unknown): Usage | undefined {
  const usage = asRecord(raw);
  const promptTokens = count(usage.prompt_tokens);
  const completionTokens = count(usage.completion_tokens);
  if (promptTokens === undefined && completionTokens === undefined) return undefined;
  const cachedTokens =
    count(asRecord(usage.prompt_tokens_details).cached_tokens) ??
    count(usage.prompt_cache_hit_tokens);
  const reasoningTokens = count(asRecord(usage.completion_tokens_details).reasoning_tokens);
  // xAI and other OpenAI-style vendors count image input apart (0 when there is none).
  const imageInputTokens = count(asRecord(usage.prompt_tokens_details).image_tokens);
  return {
    promptTokens: promptTokens ?? 0,
    completionTokens: completionTokens ?? 0,
    ...(cachedTokens !== undefined && { cachedTokens }),
    ...(reasoningTokens !== undefined && { reasoningTokens }),
    ...(imageInputTokens !== undefined && imageInputTokens > 0 && { imageInputTokens }),
  };
}
