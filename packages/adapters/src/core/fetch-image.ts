import { lookup } from 'node:dns/promises';
import { AdapterError } from '../spec/adapter-error';
import { type InlineData, parseDataUrl } from './data-url';
import { isPrivateAddress } from './private-address';

export interface FetchImageOptions {
  /** Allow loopback and private addresses (a local model server). Default false. */
  readonly allowPrivateNetwork?: boolean;
  /** Default 20 MiB. */
  readonly maxBytes?: number;
  /** Default 10 s for the whole fetch. */
  readonly timeoutMs?: number;
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
      current = new URL(location, current).toString();
      continue;
    }
    if (!response.ok) throw refuse(`The image URL answered HTTP ${response.status}`);
    const mediaType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim();
    if (!mediaType.startsWith('image/')) throw refuse('The URL does not point to an image');
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
  if (options.allowPrivateNetwork) return;
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  const addresses = await (options.resolve ?? systemResolve)(host).catch(() => {
    throw refuse(`Could not resolve the image host ${host}`);
  });
  // Every address must be public: a name with one public and one private record is refused.
  // The fetch resolves the name again; pinning the connection to the checked address
  // (against DNS rebinding) needs a custom dispatcher and is not done here yet.
  if (addresses.length === 0 || addresses.some(isPrivateAddress)) {
    throw refuse('Image URLs may not point to private, loopback or link-local addresses');
  }
}

async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw refuse(`The image is larger than ${maxBytes} bytes`);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body ?? []) {
    total += chunk.byteLength;
    if (total > maxBytes) throw refuse(`The image is larger than ${maxBytes} bytes`);
    chunks.push(chunk);
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
