/**
 * Longest piece handed to the tokenizer. BPE over one pre-tokenized word is super-linear in
 * its length (o200k took 17 s on 160,000 letters without a space), so a longer text is cut
 * into pieces first: then every piece costs at most a constant and a text costs linear time.
 * 512 keeps a piece under about 10 ms even on random letters, CJK or emoji.
 */
export const MAX_PIECE = 512;

/**
 * `text` cut into pieces of at most MAX_PIECE code units, before a space or newline where
 * one falls in the second half of the window (the tokenizer's own word boundaries, so prose
 * counts as it would whole), else at the window's end, never between the halves of a
 * surrogate pair. Only words longer than half a window are split inside, where the count may
 * differ from the whole text's by a token per cut.
 */
export function* tokenizerPieces(text: string): Generator<string> {
  let start = 0;
  while (text.length - start > MAX_PIECE) {
    let end = start + MAX_PIECE;
    const boundary = lastWordBoundary(text, start + MAX_PIECE / 2, end);
    if (boundary !== -1) end = boundary;
    else if (isHighSurrogate(text.charCodeAt(end - 1))) end--;
    yield text.slice(start, end);
    start = end;
  }
  if (start < text.length) yield text.slice(start);
}

/** The last index in [from, to) where whitespace follows a non-whitespace character, or -1. */
function lastWordBoundary(text: string, from: number, to: number): number {
  for (let i = to - 1; i > from; i--)
    if (isWhitespace(text.charCodeAt(i)) && !isWhitespace(text.charCodeAt(i - 1))) return i;
  return -1;
}

function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
