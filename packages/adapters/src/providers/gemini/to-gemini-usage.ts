import type { Usage } from '../../spec/usage';
import type { GeminiUsageMetadata } from './gemini-api';

/**
 * Gemini's usageMetadata as normalized usage. Thinking tokens are billed as output but
 * counted apart from candidatesTokenCount, so they are added back into completion tokens.
 */
export function toGeminiUsage(metadata: GeminiUsageMetadata): Usage {
  const thoughts = metadata.thoughtsTokenCount;
  let images = 0;
  for (const detail of metadata.promptTokensDetails ?? [])
    if (detail.modality === 'IMAGE') images += detail.tokenCount ?? 0;
  return {
    promptTokens: metadata.promptTokenCount ?? 0,
    completionTokens: (metadata.candidatesTokenCount ?? 0) + (thoughts ?? 0),
    ...(metadata.cachedContentTokenCount !== undefined
      ? { cachedTokens: metadata.cachedContentTokenCount }
      : {}),
    ...(thoughts !== undefined ? { reasoningTokens: thoughts } : {}),
    ...(images > 0 ? { imageInputTokens: images } : {}),
  };
}
