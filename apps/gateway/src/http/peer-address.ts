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
