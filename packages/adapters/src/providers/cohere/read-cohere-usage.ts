import type { Usage } from '../../spec/usage';
import type { CohereUsage } from './cohere-api';

/**
 * Cohere reports `tokens` (everything the model processed, its own system preamble included)
 * and `billed_units` (what Cohere charges, preamble excluded). We report `tokens`: it is what
 * OpenAI's `prompt_tokens` means, and `cached_tokens` counts against it (captures show
 * cached_tokens 1360 with billed input 8 but tokens input 1394), so only `tokens` keeps
 * cachedTokens <= promptTokens. `billed_units` is the fallback when `tokens` is absent.
 */
export function readCohereUsage(usage: CohereUsage | null | undefined): Usage | undefined {
  if (!usage) return undefined;
  const counts = usage.tokens ?? usage.billed_units;
  if (!counts) return undefined;
  return {
    promptTokens: counts.input_tokens ?? 0,
    completionTokens: counts.output_tokens ?? 0,
    ...(typeof usage.cached_tokens === 'number' && { cachedTokens: usage.cached_tokens }),
  };
}
