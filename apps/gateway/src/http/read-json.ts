import { isUtf8 } from 'node:buffer';
import { yieldToEventLoop } from '@oneapi/adapters';
import type { Context, MiddlewareHandler } from 'hono';
import { checkJsonShape, jsonShapeLimits } from '../limits/json-breadth';
import { GatewayError } from './gateway-error';
import { type JsonRefusal, parseJsonOffThread } from './json-worker';
import { readBodyBytes } from './read-body-bytes';

/** MAX_JSON_DEPTH's default, for handlers reached without `provideJsonDepthLimit`. */
export const DEFAULT_MAX_JSON_DEPTH = 64;

// Hono's own way for a middleware to type what it puts on the context (as hono/request-id
// does); handlers that only get a bare Context (parseBody, relay bodies) read the limit here.
declare module 'hono' {
  interface ContextVariableMap {
    maxJsonDepth: number | undefined;
  }
}

/** Puts MAX_JSON_DEPTH on the context for the body readers after it. */
export function provideJsonDepthLimit(maxDepth: number): MiddlewareHandler {
  return async (c, next) => {
    c.set('maxJsonDepth', maxDepth);
    await next();
  };
}

/** The JSON depth cap for this request. */
export function maxJsonDepthOf(c: Context): number {
  return c.get('maxJsonDepth') ?? DEFAULT_MAX_JSON_DEPTH;
}

/**
 * Bodies from this size on are read straight into one buffer (read-body-bytes.ts) and parsed in
 * a worker thread (json-worker.ts): the hop costs about 0.2 ms, and here decoding
 * and parsing cost 4-10 ms per MB, so below it the work stays on this thread and the common
 * small request pays nothing more.
 */
export const OFF_THREAD_JSON_BYTES = 256 * 1024;

/**
 * Lets the event loop turn between two steps that each touch every message of a large body
 * (a schema, then a conversion): 50,000 turns cost each 20-40 ms, and in one turn they add up.
 * A small body goes on at once, as every turn costs latency.
 */
export async function turnAfterLargeBody(byteLength: number): Promise<void> {
  if (byteLength >= OFF_THREAD_JSON_BYTES) await yieldToEventLoop();
}

/** A JSON request body: its bytes (without a byte-order mark) and the value they encode. */
export interface JsonBody {
  readonly bytes: Uint8Array;
  readonly json: unknown;
}

/** Reads the request body as JSON: the one reader of JSON bodies, with the breadth and depth caps. */
export async function readJson(c: Context, maxDepth = maxJsonDepthOf(c)): Promise<unknown> {
  return (await readJsonBody(c, maxDepth)).json;
}

/** `readJson`, keeping the body's bytes for a relay that forwards them unchanged. */
export async function readJsonBody(c: Context, maxDepth = maxJsonDepthOf(c)): Promise<JsonBody> {
  const { bytes, owned } = await readBodyBytes(c, OFF_THREAD_JSON_BYTES);
  return parseJsonBytes(bytes, maxDepth, { transfer: owned });
}

// Fatal: `Request.text()` replaces bytes that are not UTF-8 with U+FFFD, so a body would be
// altered, forwarded and billed as something the client never sent.
const utf8 = new TextDecoder('utf-8', { fatal: true });
const notUtf8 = () => new GatewayError('invalid_request', 'The request body must be valid UTF-8');

/** The request body as text, refused with a 400 `invalid_request` unless it is UTF-8. */
export async function readBodyText(c: Context): Promise<string> {
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  try {
    return utf8.decode(bytes);
  } catch {
    throw notUtf8();
  }
}

/**
 * A JSON body's bytes checked and parsed, each failure a 400 `invalid_request`: UTF-8 (not
 * altered into U+FFFD), the breadth and depth caps, then `JSON.parse`. Below
 * `OFF_THREAD_JSON_BYTES` on this thread; from there on every step runs in a worker
 * (json-worker.ts), since each reads the whole body: at 20 MiB the checks alone
 * held this thread 10-130 ms. `transfer` hands the bytes' buffer to the worker and back
 * rather than copying it: only for a buffer no one else holds. The bytes returned are the
 * body's, without a byte-order mark.
 */
export async function parseJsonBytes(
  body: Uint8Array,
  maxDepth: number,
  options: { transfer?: boolean } = {},
): Promise<JsonBody> {
  // TextDecoder drops a byte-order mark: so does the body forwarded unchanged.
  const bytes = body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf ? body.subarray(3) : body;
  const limits = jsonShapeLimits(maxDepth);
  if (bytes.length >= OFF_THREAD_JSON_BYTES) {
    const parsed = await parseJsonOffThread(bytes, limits, options.transfer === true);
    if (!('ok' in parsed)) throw refusalError(parsed, maxDepth);
    // Receiving the value (structured clone) took this turn; what the caller does with it
    // (the schema, the hold's bound) takes the next, so that the two do not add up.
    await yieldToEventLoop();
    return { bytes: parsed.bytes, json: parsed.json };
  }
  if (!isUtf8(bytes)) throw refusalError({ refusal: 'not-utf8' }, maxDepth);
  const misshapen = checkJsonShape(bytes, limits);
  if (misshapen) throw refusalError(misshapen, maxDepth);
  try {
    return { bytes, json: JSON.parse(utf8.decode(bytes)) };
  } catch {
    throw refusalError({ refusal: 'not-json' }, maxDepth);
  }
}

/** A 400 `invalid_request` saying what is wrong with the body, wherever it was checked. */
function refusalError(found: JsonRefusal, maxDepth: number): GatewayError {
  switch (found.refusal) {
    case 'not-utf8':
      return notUtf8();
    case 'not-json':
      return new GatewayError('invalid_request', 'The request body must be valid JSON');
    case 'too-broad':
      return new GatewayError('invalid_request', found.detail);
    case 'too-deep':
      return new GatewayError(
        'invalid_request',
        `The request body nests arrays and objects deeper than ${maxDepth} levels`,
      );
  }
}
