import type { Context } from 'hono';

/**
 * The TCP peer's address as @hono/node-server reports it. Behind a proxy this is the proxy:
 * forwarded headers are not trusted for access decisions (IP allowlists, rate limits).
 */
export function peerAddress(c: Context): string | undefined {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)
    ?.incoming;
  return incoming?.socket?.remoteAddress;
}

/**
 * The first X-Forwarded-For address: who the client says it is. Good enough to tell clients
 * apart in logs and sign-in throttles behind a proxy; never trusted for access decisions.
 */
export function forwardedFor(c: Context): string | undefined {
  return c.req.header('x-forwarded-for')?.split(',')[0]?.trim() || undefined;
}

/** The client as logs and the audit trail name it: the forwarded address, else the peer. */
export function clientAddress(c: Context): string | undefined {
  return forwardedFor(c) ?? peerAddress(c);
}
