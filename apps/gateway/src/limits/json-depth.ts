/**
 * Whether JSON text (its UTF-8 bytes) nests arrays and objects deeper than `maxDepth`, found in
 * one pass without allocating, so that it can run before `JSON.parse` on every body: a 100,000-deep body
 * parses, but then overflows the stack of whatever walks it recursively (zod,
 * `JSON.stringify`). Brackets inside strings do not count. Exact for valid JSON; on invalid
 * JSON the answer does not matter, since `JSON.parse` rejects it next. Bytes, not text: JSON's
 * quotes, backslashes and brackets are ASCII and no byte of a multi-byte UTF-8 character is,
 * so the structure reads the same, and a large body is checked without decoding it on the
 * event loop's thread (http/read-json.ts checks and parses it in a worker).
 *
 * Self-contained (its constants inside, `isEscaped` the one function it calls): the worker of
 * json-worker.ts runs this function's own source.
 */
export function exceedsJsonDepth(bytes: Uint8Array, maxDepth: number): boolean {
  const QUOTE = 0x22; // "
  const OPEN_BRACKET = 0x5b; // [
  const CLOSE_BRACKET = 0x5d; // ]
  const OPEN_BRACE = 0x7b; // {
  const CLOSE_BRACE = 0x7d; // }
  // Each level takes at least one byte.
  if (bytes.length <= maxDepth) return false;
  let depth = 0;
  for (let i = 0; i < bytes.length; i++) {
    const code = bytes[i];
    if (code === QUOTE) {
      // Most of a chat body is inside strings: jumping to the closing quote with indexOf is
      // several times faster than a step per byte (bench/json-depth.mjs).
      let end = bytes.indexOf(QUOTE, i + 1);
      while (end !== -1 && isEscaped(bytes, end)) end = bytes.indexOf(QUOTE, end + 1);
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
export function isEscaped(bytes: Uint8Array, quote: number): boolean {
  const BACKSLASH = 0x5c; // \
  let backslashes = 0;
  while (bytes[quote - 1 - backslashes] === BACKSLASH) backslashes++;
  return backslashes % 2 === 1;
}
