/**
 * Most keys one JSON object of a request body may have. Past about a thousand keys V8 keeps
 * an object as a hash table, and `JSON.parse`, schema checks and re-encoding all slow down
 * per key: a 12 MB body holding one object of a million keys (under the 20 MB body limit)
 * held the event loop for 17 s. No OpenAI or Anthropic field comes close (metadata takes 16
 * keys, logit_bias a few hundred).
 */
export const MAX_JSON_OBJECT_KEYS = 1_000;

/**
 * Most values (object members plus array elements) in one body. What holds the event loop for
 * a large body is its count of values, not its bytes: handing 840,000 values back from the
 * parsing worker and on to the encoding one cost the loop's thread 65-170 ms each (a 20 MiB
 * tool schema), where 20 MiB of text costs 20-35 in all. OpenAI takes at most 300,000 tokens
 * in one embeddings request (token arrays are the densest real body), which this leaves room
 * for with the request's other fields; a coding agent's long session with its tools is a few
 * tens of thousands.
 */
export const MAX_JSON_VALUES = 310_000;

/**
 * Most objects in one body. Translating a conversation (the schema, the conversion, the
 * provider's request) touches each message and content block on the event loop, several
 * steps of one call each: 100,000 short chat turns held the loop 100-235 ms, 50,000 at most
 * 25-45 ms per step. A coding agent's longest session (a million tokens of context, tools
 * included) is some 15,000-20,000 objects; token arrays and lists of strings hold none.
 */
export const MAX_JSON_OBJECTS = 50_000;

/** The caps a body's shape is checked against: MAX_JSON_DEPTH and the breadth caps above. */
export interface JsonShapeLimits {
  readonly maxDepth: number;
  readonly maxObjectKeys: number;
  readonly maxValues: number;
  readonly maxObjects: number;
}

/** The body caps: MAX_JSON_DEPTH (configurable) and the three breadth caps above. */
export const jsonShapeLimits = (maxDepth: number): JsonShapeLimits => ({
  maxDepth,
  maxObjectKeys: MAX_JSON_OBJECT_KEYS,
  maxValues: MAX_JSON_VALUES,
  maxObjects: MAX_JSON_OBJECTS,
});

/** Why a body's shape is refused. */
export type JsonShapeRefusal =
  | { readonly refusal: 'too-deep' }
  | { readonly refusal: 'too-broad'; readonly detail: string };

/**
 * Why JSON text (its UTF-8 bytes) is refused before `JSON.parse`, or undefined:
 * - nested deeper than `maxDepth`: a 100,000-deep body parses, but then overflows the stack
 *   of whatever walks it recursively (zod, `JSON.stringify`);
 * - too broad to parse cheaply: an object with more than `maxObjectKeys` keys, more than
 *   `maxValues` values in all or more than `maxObjects` objects.
 *
 * One pass without decoding, stopping at the first excess (a million-key object at its
 * 1,001st key): it runs on every body, and a second pass for the depth alone cost a 60 KB
 * agent request 2.4% of its CPU. Brackets, colons and commas inside strings do not count.
 * Exact for valid JSON; on invalid JSON the answer does not matter, since `JSON.parse`
 * rejects it next. Bytes, not text: JSON's quotes, backslashes, brackets, colons and commas
 * are ASCII and no byte of a multi-byte UTF-8 character is, so the structure reads the same,
 * and a large body is checked without decoding it on the event loop's thread
 * (http/read-json.ts checks and parses it in a worker). Self-contained (nothing imported,
 * its constants inside): the worker of json-worker.ts runs its source.
 */
export function checkJsonShape(
  bytes: Uint8Array,
  limits: JsonShapeLimits,
): JsonShapeRefusal | undefined {
  const { maxDepth, maxObjectKeys, maxValues, maxObjects } = limits;
  const QUOTE = 0x22; // "
  const BACKSLASH = 0x5c; // \
  const OPEN_BRACKET = 0x5b; // [
  const CLOSE_BRACKET = 0x5d; // ]
  const OPEN_BRACE = 0x7b; // {
  const CLOSE_BRACE = 0x7d; // }
  const COLON = 0x3a; // :
  const COMMA = 0x2c; // ,
  // A quote after an odd run of backslashes is escaped (`\"`); after an even one (`\\"`) not.
  const isEscaped = (quote: number) => {
    let backslashes = 0;
    while (bytes[quote - 1 - backslashes] === BACKSLASH) backslashes++;
    return backslashes % 2 === 1;
  };
  // Each level takes at least one byte, a key four (`"":0`), a value two with its comma and
  // an object two (`{}`): a body too short for any cap needs no pass.
  if (
    bytes.length <= maxDepth &&
    bytes.length < 4 * maxObjectKeys &&
    bytes.length < 2 * maxValues &&
    bytes.length < 2 * maxObjects
  )
    return undefined;
  // Keys counted so far in each open container; -1 marks an array. Its length is the depth.
  const keys: number[] = [];
  let values = 0;
  let objects = 0;
  for (let i = 0; i < bytes.length; i++) {
    const code = bytes[i];
    if (code === QUOTE) {
      // Most of a chat body is inside strings: jumping to the closing quote with indexOf is
      // several times faster than a step per byte (bench/json-depth.mjs).
      let end = bytes.indexOf(QUOTE, i + 1);
      while (end !== -1 && isEscaped(end)) end = bytes.indexOf(QUOTE, end + 1);
      if (end === -1) return undefined;
      i = end;
    } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      if (keys.length === maxDepth) return { refusal: 'too-deep' };
      keys.push(code === OPEN_BRACE ? 0 : -1);
      if (code === OPEN_BRACE && ++objects > maxObjects)
        return {
          refusal: 'too-broad',
          detail: `The request body has more than ${maxObjects} objects`,
        };
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      keys.pop();
    } else if (code === COLON) {
      const top = keys.length - 1;
      if (top >= 0 && keys[top]! >= 0 && ++keys[top]! > maxObjectKeys)
        return {
          refusal: 'too-broad',
          detail: `The request body has an object with more than ${maxObjectKeys} keys`,
        };
    } else if (code === COMMA) {
      // Every value but the first of each container follows a comma.
      if (++values >= maxValues)
        return {
          refusal: 'too-broad',
          detail: `The request body has more than ${maxValues} values`,
        };
    }
  }
  return undefined;
}
