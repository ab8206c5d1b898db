import { asRecord } from '../../core/parse-json';
import type { Usage } from '../../spec/usage';

const count = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/** How a vendor's usage departs from OpenAI's (see `OpenAICompatibleQuirks`). */
export interface OpenAIUsageQuirks {
  /** `completion_tokens` leaves out the reasoning tokens (xAI); they are added to it. */
  readonly reasoningTokensApart?: boolean;
}

/**
 * Reads an OpenAI-style `usage` object, including the compatible vendors' variants:
 * DeepSeek's `prompt_cache_hit_tokens`, and Groq's copy under `x_groq.usage`.
 */
export function fromOpenAIUsage(raw: unknown, quirks: OpenAIUsageQuirks = {}): Usage | undefined {
  const usage = asRecord(raw);
  const promptTokens = count(usage.prompt_tokens);
  const completionTokens = count(usage.completion_tokens);
  if (promptTokens === undefined && completionTokens === undefined) return undefined;
  const cachedTokens =
    count(asRecord(usage.prompt_tokens_details).cached_tokens) ??
    count(usage.prompt_cache_hit_tokens);
  const reasoningTokens = count(asRecord(usage.completion_tokens_details).reasoning_tokens);
  const details = asRecord(usage.prompt_tokens_details);
  // Cache writes under OpenRouter's name, which the gateway also writes (see `toOpenAIUsage`),
  // or LiteLLM's; their one-hour share as LiteLLM nests it (the gateway writes that too).
  const cacheWriteTokens =
    count(details.cache_write_tokens) ?? count(details.cache_creation_tokens);
  const cacheWrite1hTokens = count(
    asRecord(details.cache_creation_token_details).ephemeral_1h_input_tokens,
  );
  // xAI and other OpenAI-style vendors count image input apart (0 when there is none).
  const imageInputTokens = count(details.image_tokens);
  const apart = quirks.reasoningTokensApart ? (reasoningTokens ?? 0) : 0;
  return {
    promptTokens: promptTokens ?? 0,
    completionTokens: (completionTokens ?? 0) + apart,
    ...(cachedTokens !== undefined && { cachedTokens }),
    ...(cacheWriteTokens !== undefined && cacheWriteTokens > 0 && { cacheWriteTokens }),
    ...(cacheWrite1hTokens !== undefined && cacheWrite1hTokens > 0 && { cacheWrite1hTokens }),
    ...(reasoningTokens !== undefined && { reasoningTokens }),
    ...(imageInputTokens !== undefined && imageInputTokens > 0 && { imageInputTokens }),
  };
}

/**
 * The vendor's `usage` in OpenAI's meaning, its other fields kept: with `reasoningTokensApart`,
 * the reasoning tokens are added to `completion_tokens` (`total_tokens` already counts them).
 */
export function toOpenAIUsageMeaning(raw: unknown, quirks: OpenAIUsageQuirks): unknown {
  if (!quirks.reasoningTokensApart) return raw;
  const usage = asRecord(raw);
  const completionTokens = count(usage.completion_tokens);
  const reasoningTokens = count(asRecord(usage.completion_tokens_details).reasoning_tokens);
  if (completionTokens === undefined || reasoningTokens === undefined) return raw;
  return { ...usage, completion_tokens: completionTokens + reasoningTokens };
}
