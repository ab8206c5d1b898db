import { Buffer } from 'node:buffer';
import { SLICE_MS, yieldToEventLoop } from './event-loop-slices';

// Characters JSON.stringify writes as a two-character escape (\" \\ \b \f \n \r \t), and the
// other control characters, which it writes as six (\u00XX).
const SHORT_ESCAPED = /["\\\b\f\n\r\t]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are the point.
const LONG_ESCAPED = /[\u0000-\u0007\u000b\u000e-\u001f]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are the point.
const ANY_ESCAPED = /["\\\u0000-\u001f]/;
// A surrogate without its partner: JSON.stringify writes it as \uXXXX (6 bytes) where the
// UTF-8 byte count takes it as U+FFFD (3).
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const ANY_SURROGATE = /[\ud800-\udfff]/;

const countOf = (pattern: RegExp, text: string) => text.length - text.replace(pattern, '').length;

// Printable ASCII but the quote and the backslash: one byte each, as they are.
const NOT_PLAIN = /[^\x20\x21\x23-\x5b\x5d-\x7e]/;

/** The UTF-8 bytes of `JSON.stringify(text)`, exactly, without building it. */
function jsonStringBytes(text: string): number {
  // Most keys and schema strings: one native scan, no call into the runtime.
  if (!NOT_PLAIN.test(text)) return text.length + 2;
  let bytes = Buffer.byteLength(text, 'utf8') + 2;
  if (ANY_ESCAPED.test(text))
    bytes += countOf(SHORT_ESCAPED, text) + 5 * countOf(LONG_ESCAPED, text);
  if (ANY_SURROGATE.test(text)) bytes += 3 * countOf(LONE_SURROGATE, text);
  return bytes;
}

/** Values walked between two looks at the clock. */
const VALUES_PER_CLOCK_CHECK = 1_024;

/**
 * At least the UTF-8 bytes of `JSON.stringify(value)`, for JSON data (what `JSON.parse`
 * returns and requests are built from), computed by one walk without building the text:
 * exact for plain data. Values with `toJSON` are stringified as JSON.stringify would. A tool
 * schema of 280,000 values took 50-80 ms to walk and 60-90 to stringify in one call, so the
 * walk lets the event loop turn every SLICE_MS.
 */
export async function jsonByteBound(value: unknown): Promise<number> {
  let bytes = 0;
  let sliceStart = performance.now();
  let walked = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    if (++walked % VALUES_PER_CLOCK_CHECK === 0 && performance.now() - sliceStart > SLICE_MS) {
      await yieldToEventLoop();
      sliceStart = performance.now();
    }
    const next = pending.pop();
    if (typeof next === 'string') bytes += jsonStringBytes(next);
    else if (typeof next === 'number') bytes += Number.isFinite(next) ? String(next).length : 4;
    else if (typeof next === 'boolean') bytes += next ? 4 : 5;
    else if (next === null || next === undefined) bytes += 4;
    else if (typeof next !== 'object') bytes += 4;
    else if (typeof (next as { toJSON?: unknown }).toJSON === 'function')
      bytes += Buffer.byteLength(JSON.stringify(next) ?? 'null', 'utf8');
    else if (Array.isArray(next)) {
      // Brackets and commas; an undefined element is written as null (4, counted above).
      bytes += 2 + Math.max(0, next.length - 1);
      for (const element of next) pending.push(element);
    } else {
      let members = 0;
      for (const key in next) {
        if (!Object.hasOwn(next, key)) continue;
        // The key, its colon, its comma (one too many: a bound). Undefined members are left
        // out by JSON.stringify and counted here: also within the bound.
        bytes += jsonStringBytes(key) + 2;
        pending.push((next as Record<string, unknown>)[key]);
        members++;
      }
      bytes += 2 - (members > 0 ? 1 : 0);
    }
  }
  return bytes;
}
