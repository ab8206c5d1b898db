import type { Context, MiddlewareHandler } from 'hono';
import { describeJsonBreadthExcess } from '../limits/json-breadth';
import { exceedsJsonDepth } from '../limits/json-depth';
import { GatewayError } from './gateway-error';

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

/** Reads the request body as JSON: the one reader of JSON bodies, with the breadth and depth caps. */
export async function readJson(c: Context, maxDepth = maxJsonDepthOf(c)): Promise<unknown> {
  return parseJsonText(await readBodyText(c), maxDepth);
}

// Fatal: `Request.text()` replaces bytes that are not UTF-8 with U+FFFD, so a body would be
// altered, forwarded and billed as something the client never sent. One linear pass.
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The request body as text, refused with a 400 `invalid_request` unless it is UTF-8. */
export async function readBodyText(c: Context): Promise<string> {
  const bytes = await c.req.arrayBuffer();
  try {
    return utf8.decode(bytes);
  } catch {
    throw new GatewayError('invalid_request', 'The request body must be valid UTF-8');
  }
}

/** `JSON.parse` behind the breadth and depth caps, failing with a 400 `invalid_request`. */
export function parseJsonText(text: string, maxDepth: number): unknown {
  // Breadth first: it stops at a million-key object's 1,001st key, where the depth check
  // would read all of it.
  const tooBroad = describeJsonBreadthExcess(text, { maxDepth });
  if (tooBroad) throw new GatewayError('invalid_request', tooBroad);
  if (exceedsJsonDepth(text, maxDepth))
    throw new GatewayError(
      'invalid_request',
      `The request body nests arrays and objects deeper than ${maxDepth} levels`,
    );
  try {
    return JSON.parse(text);
  } catch {
    throw new GatewayError('invalid_request', 'The request body must be valid JSON');
  }
}
