import type { ChatRequest } from '../spec/openai-chat-request';
import { SLICE_MS, yieldToEventLoop } from './event-loop-slices';
import { collectPromptTexts, toolsText } from './prompt-texts';
import { tokenizerPieces } from './tokenizer-pieces';

type CountPiece = (piece: string) => number;

// Special-token markers in user text are just text; counting them must never throw.
const AS_PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

let loading: Promise<CountPiece> | undefined;

/**
 * Loads o200k_base (GPT-4o's encoding, bundled: nothing is downloaded). Its vocabulary takes
 * about 60 MB and half a second of one thread to load, so it is imported on first use, not
 * with the package; a server calls this at startup, so that no request waits for it.
 */
export function preloadTokenizer(): Promise<void> {
  return loadCounter().then(() => undefined);
}

function loadCounter(): Promise<CountPiece> {
  loading ??= import('gpt-tokenizer/encoding/o200k_base').then(
    ({ countTokens }) =>
      (piece: string) =>
        countTokens(piece, AS_PLAIN_TEXT),
  );
  return loading;
}

/**
 * Exact o200k tokens of `texts` (to within a token per cut inside a word longer than 256
 * characters, see `tokenizerPieces`). Linear in their length, and never holding the event
 * loop for more than about SLICE_MS: it yields between pieces once a slice is used up.
 */
async function countTokensOf(texts: readonly string[]): Promise<number> {
  const countPiece = await loadCounter();
  let total = 0;
  // A long text starts on a turn of its own, not on the end of its caller's work (reading the
  // request, holding quota), so that the two do not add up to one long pause.
  let sliceStart = isLong(texts) ? Number.NEGATIVE_INFINITY : performance.now();
  for (const text of texts) {
    for (const piece of tokenizerPieces(text)) {
      total += countPiece(piece);
      if (performance.now() - sliceStart > SLICE_MS) {
        await yieldToEventLoop();
        sliceStart = performance.now();
      }
    }
  }
  return total;
}

/** Texts of more than a slice's worth of characters in all. */
function isLong(texts: readonly string[]): boolean {
  let length = 0;
  for (const text of texts) length += text.length;
  return length > LONG_TEXT_CHARACTERS;
}

/** More than a slice of tokenizing (0.5-4 µs per character, CJK the most). */
const LONG_TEXT_CHARACTERS = 64 * 1024;

/** Tokens of a text with o200k_base, counted in slices that leave the event loop free. */
export function countTextTokens(text: string): Promise<number> {
  return countTokensOf([text]);
}

/**
 * The prompt tokens of a chat request as OpenAI counts them: o200k tokens of its text plus
 * message framing and image constants (see `collectPromptTexts`). Exact, for answers the
 * product shows or bills (count_tokens, streams that report no usage); quota holds take
 * `boundPromptTokens`, which needs no tokenizer.
 */
export async function countPromptTokens(request: ChatRequest): Promise<number> {
  const { texts, tools, fixedTokens } = collectPromptTexts(request);
  return fixedTokens + (await countTokensOf(tools ? [...texts, toolsText(tools)] : texts));
}
