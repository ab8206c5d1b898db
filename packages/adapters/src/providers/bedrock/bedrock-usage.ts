import type { z } from 'zod';
import type { Usage } from '../../spec/usage';
import type { bedrockUsageSchema } from './bedrock-api';

/**
 * Converts Bedrock usage. `inputTokens` excludes prompt-cache reads and writes (as in
 * Anthropic's API), so both are added back: `promptTokens` then counts every input token
 * and prompt + completion equals Bedrock's own `totalTokens`.
 */
export function fromBedrockUsage(usage: z.infer<typeof bedrockUsageSchema>): Usage {
  const cachedTokens = usage.cacheReadInputTokens;
  const cacheWriteTokens = usage.cacheWriteInputTokens;
  return {
    promptTokens: usage.inputTokens + (cachedTokens ?? 0) + (cacheWriteTokens ?? 0),
    completionTokens: usage.outputTokens,
    ...(cachedTokens !== undefined && { cachedTokens }),
    ...(cacheWriteTokens !== undefined && { cacheWriteTokens }),
  };
}
