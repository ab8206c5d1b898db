import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { GatewayError } from './gateway-error';

/**
 * Refuses request bodies over `maxBytes` with a 413. A body with a Content-Length is judged
 * by the header alone (Node's parser never reads past it), so the body stays unread for the
 * handler; only chunked bodies go through Hono's `bodyLimit`, which counts while it reads.
 * That middleware reads `c.req.raw.body`, which makes @hono/node-server build a full WHATWG
 * Request and route the body through a web stream: a tenth of the relay's CPU when every
 * request paid for it.
 */
export function limitBodySize(maxBytes: number): MiddlewareHandler {
  const tooLarge = (): never => {
    throw new GatewayError(
      'payload_too_large',
      `The request body is larger than ${maxBytes} bytes`,
    );
  };
  const countWhileReading = bodyLimit({ maxSize: maxBytes, onError: tooLarge });
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const declared = c.req.header('content-length');
    if (declared === undefined || c.req.header('transfer-encoding') !== undefined)
      return countWhileReading(c, next);
    if (Number.parseInt(declared, 10) > maxBytes) tooLarge();
    return next();
  };
}
