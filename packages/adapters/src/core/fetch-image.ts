import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { AdapterError } from '../spec/adapter-error';
import { type InlineData, parseDataUrl } from './data-url';
import { isPrivateAddress } from './private-address';

export interface FetchImageOptions {
  /** Default 20 MiB. */
  readonly maxBytes?: number;
  /** Default 10 s for the whole fetch, redirects included. */
  readonly timeoutMs?: number;
  /**
   * The fetch to send through; default Node's global fetch. Adapters pass the one their
   * ProviderClient was given (the gateway's guards every connection it makes). Redirects
   * are followed here, one hop at a time, so it may follow none itself.
   */
  readonly fetch?: typeof fetch;
  /** Resolves a host name to addresses; injectable for tests. Default: the system resolver. */
  readonly resolve?: (host: string) => Promise<string[]>;
}

const MAX_REDIRECTS = 3;

const systemResolve = async (host: string) =>
  (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);

/**
 * Gets an image as base64 for providers that need bytes rather than a URL.
 * `data:` URLs are split without any network access. Remote URLs must be http(s) and
 * resolve only to public addresses, checked again on every redirect, with a size cap
 * and a timeout.
 *
 * There is deliberately no way to allow private addresses: the URL comes from the API
 * caller, not the operator, so a channel's `allowPrivateNetwork` (meant for its own base
 * URL, e.g. a local Ollama) must not let a caller reach 169.254.169.254 or the LAN.
 */
export async function fetchImage(
  url: string,
  options: FetchImageOptions = {},
): Promise<InlineData> {
  const inline = parseDataUrl(url);
  if (inline) return inline;
  const fetchImpl = options.fetch ?? fetch;
  const maxBytes = options.maxBytes ?? 20 * 1024 * 1024;
  const signal = AbortSignal.timeout(options.timeoutMs ?? 10_000);
  let current = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    await assertPublicUrl(current, options);
    let response: Response;
    try {
      response = await fetchImpl(current, { redirect: 'manual', signal });
    } catch (cause) {
      throw refuse(`Could not fetch the image at ${describe(current)}`, cause);
    }
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      // Release the connection; the next hop is checked before it is fetched.
      await response.body?.cancel().catch(() => {});
      current = new URL(location, current).toString();
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => {});
      throw refuse(`The image URL answered HTTP ${response.status}`);
    }
    const mediaType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim();
    if (!mediaType.startsWith('image/')) {
      await response.body?.cancel().catch(() => {});
      throw refuse('The URL does not point to an image');
    }
    const bytes = await readCapped(response, maxBytes);
    return { mediaType, base64: Buffer.from(bytes).toString('base64') };
  }
  throw refuse('The image URL redirected too many times');
}

async function assertPublicUrl(url: string, options: FetchImageOptions): Promise<void> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw refuse('The image URL is not a valid URL');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw refuse('Image URLs must be http(s) or data: URLs');
  }
  // The URL parser has normalized every IPv4 spelling (127.1, 0x7f000001, 2130706433).
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  const addresses =
    isIP(host) !== 0
      ? [host]
      : await (options.resolve ?? systemResolve)(host).catch(() => {
          throw refuse(`Could not resolve the image host ${host}`);
        });
  // Every address must be public: a name with one public and one private record is refused.
  // The fetch resolves the name again; the gateway's fetch checks the address it connects
  // to (against DNS rebinding), Node's global fetch does not.
  if (addresses.length === 0 || addresses.some(isPrivateAddress)) {
    throw refuse('Image URLs may not point to private, loopback or link-local addresses');
  }
}

async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw refuse(`The image is larger than ${maxBytes} bytes`);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    // Leaving the loop (the cap, below) cancels the body and frees the connection.
    for await (const chunk of response.body ?? []) {
      total += chunk.byteLength;
      if (total > maxBytes) throw refuse(`The image is larger than ${maxBytes} bytes`);
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof AdapterError) throw error;
    // A timeout or a reset mid-body: an AdapterError, not an unexpected failure.
    throw refuse('Could not read the image', error);
  }
  return Buffer.concat(chunks);
}

const describe = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return 'that address';
  }
};

const refuse = (message: string, cause?: unknown) =>
  new AdapterError('invalid_request', message, { param: 'messages', cause });
