import { SLICE_MS, yieldToEventLoop } from './event-loop-slices';
import { tokenizerPieces } from './tokenizer-pieces';

type CountPiece = (piece: string) => number;

// Special-token markers in user text are just text; counting them must never throw.
const AS_PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

let loading: Promise<CountPiece> | undefined;

/**
 * Loads o200k_base (GPT-4o's encoding, bundled: nothing is downloaded) into this thread. Its
 * vocabulary takes about 60 MB and half a second of one thread to load, and stays for the
 * thread's life, so it is imported on first use, not with the package. A program that counts
 * in its own thread calls this at startup, so that no request waits for it; a server can
 * count in a worker instead (`useTokenCounter`).
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
 * Exact o200k tokens of `texts` in all, counted in the calling thread (to within a token per
 * cut inside a word longer than 256 characters, see `tokenizerPieces`). Linear in their
 * length, and never holding the event loop for more than about SLICE_MS: it yields between
 * pieces once a slice is used up. The one place the vocabulary is used: a worker thread that
 * counts for a server runs this too (`@oneapi/adapters/tokenizer`), so counts are the same
 * wherever they run.
 */
export async function countTokensInThisThread(texts: readonly string[]): Promise<number> {
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
