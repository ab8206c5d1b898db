import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpBindings } from '@hono/node-server';
import type { MiddlewareHandler } from 'hono';

/** How much of an unread request body is read and thrown away after the answer, at most. */
export interface DrainLimits {
  /** Bytes read past the answer; beyond them the connection is closed. */
  readonly maxBytes: number;
  /** Time from the answer; past it the connection is closed. */
  readonly maxMs: number;
}

/**
 * 64 MiB and 10 s: a refused 20 MiB body is read to its end over any link faster than
 * 16 Mbit/s, while a client that keeps sending (a gigabyte, or forever) is cut off.
 */
export const DRAIN_LIMITS: DrainLimits = { maxBytes: 64 * 1024 * 1024, maxMs: 10_000 };

/**
 * Reads and throws away what is left of a request body the handler answered without reading
 * (a 413, a 401 before the body was read, any early refusal), so the client can finish
 * sending and read the answer. Clients that write their whole body before reading (fetch,
 * node:http) otherwise lose the answer: closing a socket with unread bytes sends a reset,
 * which the client reports as EPIPE or ECONNRESET and which discards the answer it had not
 * read yet. Bounded by `limits`, counted from the handler's end; past them the connection
 * is closed once the answer is out. A body drained to its end leaves the connection usable.
 *
 * Only for requests served by @hono/node-server (`c.env.incoming`), with its own cleanup
 * (500 ms, then close) turned off: `autoCleanupIncoming: false` (createServeOptions).
 */
export function drainUnreadBody(limits: DrainLimits = DRAIN_LIMITS): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const { incoming, outgoing } = (c.env ?? {}) as Partial<HttpBindings>;
    // Started before the answer is written: once node:http has finished an answer it dumps
    // the rest of the body itself, without 'data' events, and so beyond any count.
    if (incoming && outgoing && !incoming.complete) discardRest(incoming, outgoing, limits);
  };
}

function discardRest(
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  limits: DrainLimits,
): void {
  const socket = incoming.socket;
  if (!socket || socket.destroyed) return;
  let received = 0;
  const stop = () => {
    clearTimeout(timer);
    incoming.off('data', count);
    incoming.off('end', stop);
    socket.off('close', stop);
  };
  const cutOff = () => {
    stop();
    // Not before the answer is out, or it would be lost too.
    if (outgoing.writableFinished) socket.destroy();
    else outgoing.once('finish', () => socket.destroy());
  };
  const count = (chunk: Buffer) => {
    received += chunk.length;
    if (received > limits.maxBytes) cutOff();
  };
  const timer = setTimeout(cutOff, limits.maxMs);
  timer.unref();
  // As node:http's own dump does: a reader that gave up mid-body (the chunked body limit) lets
  // go, so nothing buffers what is thrown away.
  incoming.removeAllListeners('data');
  incoming.on('data', count);
  incoming.once('end', stop);
  socket.once('close', stop);
  incoming.resume();
}
