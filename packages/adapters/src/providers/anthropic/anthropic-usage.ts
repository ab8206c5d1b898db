import { asRecord } from '../../core/parse-json';
import type { Usage } from '../../spec/usage';

const count = (value: unknown) => (typeof value === 'number' ? value : 0);

/**
 * Anthropic's `input_tokens` excludes cached tokens; OpenAI's `prompt_tokens` includes
 * them. promptTokens = input + cache reads + cache writes, so billing sees every input token.
 */
export function fromAnthropicUsage(raw: unknown): Usage {
  const usage = asRecord(raw);
  const cacheRead = count(usage.cache_read_input_tokens);
  const cacheWrite = count(usage.cache_creation_input_tokens);
  // The split by lifetime, when the API gives it; its parts add up to cache_creation_input_tokens.
  const cacheWrite1h = count(asRecord(usage.cache_creation).ephemeral_1h_input_tokens);
  return {
    promptTokens: count(usage.input_tokens) + cacheRead + cacheWrite,
    completionTokens: count(usage.output_tokens),
    cachedTokens: cacheRead,
    ...(cacheWrite > 0 && { cacheWriteTokens: cacheWrite }),
    ...(cacheWrite1h > 0 && { cacheWrite1hTokens: Math.min(cacheWrite1h, cacheWrite) }),
  };
}
