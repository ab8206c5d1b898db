import type { ChatRequest } from '../spec/openai-chat-request';
import { countTokensInThisThread } from './count-tokens-in-thread';
import { collectPromptTexts, toolsText } from './prompt-texts';

/**
 * Counts the o200k tokens of `texts` in all, exactly as `countTokensInThisThread` does, which
 * it wraps wherever it runs (a worker thread, say).
 */
export type TokenCounter = (texts: readonly string[]) => Promise<number>;

let counter: TokenCounter = countTokensInThisThread;

/**
 * Where every count of this package runs (`countTextTokens`, `countPromptTokens` and the
 * stream meters' counts when an upstream reports no usage). By default in the calling thread,
 * the vocabulary loaded on first use and kept (about 60 MB); a server that counts rarely can
 * pass one that counts in a worker thread, so that the vocabulary is resident only while it
 * is used and its half-second load never holds the event loop. `undefined` restores the
 * default.
 */
export function useTokenCounter(next: TokenCounter | undefined): void {
  counter = next ?? countTokensInThisThread;
}

/** The o200k tokens of `texts` in all, counted by the counter in use. */
export function countTextsTokens(texts: readonly string[]): Promise<number> {
  return counter(texts);
}

/** Tokens of a text with o200k_base, counted in slices that leave the event loop free. */
export function countTextTokens(text: string): Promise<number> {
  return counter([text]);
}

/**
 * The prompt tokens of a chat request as OpenAI counts them: o200k tokens of its text plus
 * message framing and image constants (see `collectPromptTexts`). Exact, for answers the
 * product shows or bills (count_tokens, streams that report no usage); quota holds take
 * `boundPromptTokens` and a stream's first announcement `estimatePromptTokens`, which need no
 * tokenizer.
 */
export async function countPromptTokens(request: ChatRequest): Promise<number> {
  const { texts, tools, fixedTokens } = collectPromptTexts(request);
  return fixedTokens + (await counter(tools ? [...texts, toolsText(tools)] : texts));
}
