const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \
const OPEN_BRACKET = 0x5b; // [
const CLOSE_BRACKET = 0x5d; // ]
const OPEN_BRACE = 0x7b; // {
const CLOSE_BRACE = 0x7d; // }

/**
 * Whether JSON text nests arrays and objects deeper than `maxDepth`, found in one pass without
 * allocating, so that it can run before `JSON.parse` on every body: a 100,000-deep body
 * parses, but then overflows the stack of whatever walks it recursively (zod,
 * `JSON.stringify`). Brackets inside strings do not count. Exact for valid JSON; on invalid
 * JSON the answer does not matter, since `JSON.parse` rejects it next.
 */
export function exceedsJsonDepth(text: string, maxDepth: number): boolean {
  // Each level takes at least one character.
  if (text.length <= maxDepth) return false;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      // Most of a chat body is inside strings: jumping to the closing quote with indexOf is
      // 3 to 12 times faster than a step per character (bench/json-depth.mjs).
      let end = text.indexOf('"', i + 1);
      while (end !== -1 && isEscaped(text, end)) end = text.indexOf('"', end + 1);
      if (end === -1) return false;
      i = end;
    } else if (code === OPEN_BRACKET || code === OPEN_BRACE) {
      if (++depth > maxDepth) return true;
    } else if (code === CLOSE_BRACKET || code === CLOSE_BRACE) {
      depth--;
    }
  }
  return false;
}

/** A quote after an odd run of backslashes is escaped (`\"`); after an even one (`\\"`) it is not. */
export function isEscaped(text: string, quote: number): boolean {
  let backslashes = 0;
  while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
  return backslashes % 2 === 1;
}
