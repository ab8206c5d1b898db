import type { ChatRequest } from '../spec/openai-chat-request';
import { measurePrompt } from './prompt-token-bound';

/**
 * UTF-8 bytes per o200k token in ordinary text: English prose and JSON 4-5, code 3-4, CJK
 * about 4-6 (3 bytes a character, 1-2 characters a token). Four is near all of them.
 */
const BYTES_PER_TOKEN = 4;

/**
 * A cheap estimate of a chat request's prompt tokens, for a number shown before the upstream
 * reports the real one: the `input_tokens` of a translated Anthropic stream's message_start,
 * which Anthropic's SDKs replace with message_delta's final usage. Its text's UTF-8 bytes over
 * BYTES_PER_TOKEN, plus the same framing and image constants as `countPromptTokens`: 0.8-1.2x
 * of that count on prose, code, CJK and tool schemas (the test's cases), linear in the
 * request, and no vocabulary to load (the exact count needs o200k's, about 60 MB, for a number
 * the client soon overwrites). Never for billing or holds: those take the upstream's usage,
 * `countPromptTokens` or `boundPromptTokens`.
 */
export async function estimatePromptTokens(request: ChatRequest): Promise<number> {
  const { fixedTokens, textBytes } = await measurePrompt(request);
  return fixedTokens + Math.ceil(textBytes / BYTES_PER_TOKEN);
}
