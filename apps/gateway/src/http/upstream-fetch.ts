import { isIP } from 'node:net';
import { isPrivateAddress } from '@oneapi/adapters';
import { Agent, fetch as undiciFetch } from 'undici';
import {
  createGuardedConnector,
  hostKey,
  type LookupHost,
  PrivateAddressError,
  systemLookupHost,
} from './connect-guard';

/**
 * The fetch every upstream call uses: undici's, on one Agent the gateway owns rather than
 * Node's global one, so that connections to each provider are pooled and kept alive for
 * 30 s between requests (undici's default is 4 s: a quiet minute would reconnect, paying a
 * TLS handshake on the next request's time to first token). Header and body timeouts are
 * off here because the router arms its own first-byte and idle timers per attempt; a
 * global 300 s body timeout would cut a long, healthy stream. Every connection passes the
 * private-address guard (connect-guard.ts).
 */
export function createUpstreamFetch(
  options: {
    readonly lookupHost?: LookupHost;
    /** Whether a `host:port` may be private: a channel with allowPrivateNetwork points there. */
    readonly allowsPrivate?: (hostKey: string) => boolean;
  } = {},
): { fetch: typeof fetch; close: () => Promise<void> } {
  const agent = new Agent({
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 600_000,
    connect: createGuardedConnector({
      lookupHost: options.lookupHost ?? systemLookupHost,
      allowsPrivate: options.allowsPrivate ?? (() => false),
      timeoutMs: 10_000,
    }),
    headersTimeout: 0,
    bodyTimeout: 0,
  });
  const allowsPrivate = options.allowsPrivate ?? (() => false);
  const upstreamFetch = ((input: string | URL | Request, init?: RequestInit) => {
    // A pooled connection skips the connect guard: an address literal whose permission was
    // withdrawn (allowPrivateNetwork turned off) is refused here, before the pool is asked.
    const refusal = refusePrivateLiteral(input, allowsPrivate);
    if (refusal) return Promise.reject(new TypeError('fetch failed', { cause: refusal }));
    return undiciFetch(input as string, {
      ...(init as object),
      dispatcher: agent,
    });
  }) as unknown as typeof fetch;
  // By the time the gateway closes, in-flight requests have drained or must be cut.
  return { fetch: upstreamFetch, close: () => agent.destroy() };
}

function refusePrivateLiteral(
  input: string | URL | Request,
  allowsPrivate: (hostKey: string) => boolean,
): PrivateAddressError | undefined {
  let url: URL;
  try {
    url = new URL(
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
    );
  } catch {
    return undefined;
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) === 0 || !isPrivateAddress(host)) return undefined;
  if (allowsPrivate(hostKey(host, url.port, url.protocol))) return undefined;
  return new PrivateAddressError(`${host} is a private, loopback or link-local address`);
}
