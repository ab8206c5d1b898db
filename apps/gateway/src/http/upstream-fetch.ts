import { isIP } from 'node:net';
import { Readable } from 'node:stream';
import { isPrivateAddress } from '@oneapi/adapters';
import type { Dispatcher } from 'undici';
import {
  createGuardedConnector,
  hostKey,
  type LookupHost,
  PrivateAddressError,
  systemLookupHost,
} from './connect-guard';
import { encodeUtf8InSlices } from './encode-utf8-in-slices';
import { createNodeBodyResponse } from './node-body-response';
import { Agent, request } from './undici-parts';

/** String bodies from this many code units on are encoded in slices (encode-utf8-in-slices.ts). */
const SLICED_BODY_UNITS = 256 * 1024;

/**
 * The fetch every upstream call uses, on one Agent the gateway owns rather than
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
  const send = fetchThrough(agent);
  const upstreamFetch = ((input: string | URL | Request, init?: RequestInit) => {
    // A pooled connection skips the connect guard: an address literal whose permission was
    // withdrawn (allowPrivateNetwork turned off) is refused here, before the pool is asked.
    const refusal = refusePrivateLiteral(input, allowsPrivate);
    if (refusal) return Promise.reject(new TypeError('fetch failed', { cause: refusal }));
    return send(input, init);
  }) as typeof fetch;
  // By the time the gateway closes, in-flight requests have drained or must be cut.
  return { fetch: upstreamFetch, close: () => agent.destroy() };
}

/** A private address literal a URL names: its host and its `host:port` key. */
interface PrivateLiteral {
  readonly host: string;
  readonly key: string;
}

/**
 * The private literal (or null) of each URL asked for lately. A relay asks for the same few
 * URLs (a channel's base URL and an endpoint) on every request, and parsing one and checking
 * its host against the forbidden ranges was 2.5% of a relayed request's CPU. Bounded: cleared
 * when full. Only the parse is kept; the permission is asked on every call.
 */
const literalOfUrl = new Map<string, PrivateLiteral | null>();
const LITERALS_KEPT = 256;

function refusePrivateLiteral(
  input: string | URL | Request,
  allowsPrivate: (hostKey: string) => boolean,
): PrivateAddressError | undefined {
  const href = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  let literal = literalOfUrl.get(href);
  if (literal === undefined) {
    literal = privateLiteralOf(href);
    if (literalOfUrl.size >= LITERALS_KEPT) literalOfUrl.clear();
    literalOfUrl.set(href, literal);
  }
  if (literal === null || allowsPrivate(literal.key)) return undefined;
  return new PrivateAddressError(`${literal.host} is a private, loopback or link-local address`);
}

function privateLiteralOf(href: string): PrivateLiteral | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) === 0 || !isPrivateAddress(host)) return null;
  return { host, key: hostKey(host, url.port, url.protocol) };
}

/** Statuses whose Response must have no body. */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * fetch, as far as the adapters and the relay use it (method, headers, a string or byte body,
 * a signal; status, headers and body of the answer), over `undici.request`. WHATWG fetch
 * builds a Request, runs the fetch algorithm and checks every argument through webidl: a
 * fifth of the relay's CPU per request, where `request` costs little more than the socket.
 * Redirects are not followed: an upstream's 3xx reaches the adapter as an error.
 */
export function fetchThrough(dispatcher: Dispatcher): typeof fetch {
  return (async (input: string | URL | Request, init: RequestInit = {}) => {
    const signal = init.signal ?? undefined;
    const { body, contentLength } = await encodeLargeString(
      init.body as string | Uint8Array | null | undefined,
    );
    let answer: Dispatcher.ResponseData;
    try {
      answer = await request(typeof input === 'string' ? input : String(input), {
        dispatcher,
        method: (init.method ?? 'GET') as Dispatcher.HttpMethod,
        headers: {
          ...toHeaderRecord(init.headers),
          ...(contentLength !== undefined && { 'content-length': String(contentLength) }),
        },
        body,
        ...(signal && { signal }),
      });
    } catch (error) {
      // As fetch does: an aborted call rejects with the signal's reason (a TimeoutError for
      // AbortSignal.timeout), anything else is a network failure with its cause.
      if (signal?.aborted) throw signal.reason;
      throw new TypeError('fetch failed', { cause: error });
    }
    // A Response takes no other status, so such an answer cannot be handed on: its body is
    // let go at once (unread, it would keep its pooled connection) and the call fails as a
    // network failure does, which the router retries on another channel.
    if (answer.statusCode < 200 || answer.statusCode > 599) {
      answer.body.destroy();
      throw new TypeError('fetch failed', {
        cause: new Error(`The upstream answered with status ${answer.statusCode}`),
      });
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(answer.headers)) {
      if (Array.isArray(value)) for (const each of value) headers.append(name, each);
      else if (value !== undefined) headers.set(name, value);
    }
    if (NULL_BODY_STATUSES.has(answer.statusCode)) {
      answer.body.destroy();
      return new Response(null, { status: answer.statusCode, headers });
    }
    return createNodeBodyResponse(answer.body, { status: answer.statusCode, headers });
  }) as typeof fetch;
}

/**
 * The body as undici takes it. A long string is encoded here in slices rather than there at
 * once, and sent as those slices with their length declared (not chunked: some upstreams
 * refuse a chunked request).
 */
async function encodeLargeString(
  body: string | Uint8Array | null | undefined,
): Promise<{ body: string | Uint8Array | Readable | null; contentLength?: number }> {
  if (typeof body !== 'string' || body.length < SLICED_BODY_UNITS) return { body: body ?? null };
  const slices = await encodeUtf8InSlices(body);
  let contentLength = 0;
  for (const slice of slices) contentLength += slice.length;
  return { body: Readable.from(slices, { objectMode: false }), contentLength };
}

function toHeaderRecord(headers: RequestInit['headers']): Record<string, string> {
  if (!headers) return {};
  if (headers instanceof Headers || Array.isArray(headers)) return Object.fromEntries(headers);
  return headers as Record<string, string>;
}
