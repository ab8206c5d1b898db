import { Agent, fetch as undiciFetch } from 'undici';

/**
 * The fetch every upstream call uses: undici's, on one Agent the gateway owns rather than
 * Node's global one, so that connections to each provider are pooled and kept alive for
 * 30 s between requests (undici's default is 4 s: a quiet minute would reconnect, paying a
 * TLS handshake on the next request's time to first token). Header and body timeouts are
 * off here because the router arms its own first-byte and idle timers per attempt; a
 * global 300 s body timeout would cut a long, healthy stream.
 */
export function createUpstreamFetch(): { fetch: typeof fetch; close: () => Promise<void> } {
  const agent = new Agent({
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 600_000,
    connect: { timeout: 10_000 },
    headersTimeout: 0,
    bodyTimeout: 0,
  });
  const upstreamFetch = ((input: string | URL | Request, init?: RequestInit) =>
    undiciFetch(input as string, {
      ...(init as object),
      dispatcher: agent,
    })) as unknown as typeof fetch;
  // By the time the gateway closes, in-flight requests have drained or must be cut.
  return { fetch: upstreamFetch, close: () => agent.destroy() };
}
