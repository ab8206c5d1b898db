import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { AdapterError } from '../spec/adapter-error';
import { isPrivateAddress } from './private-address';

export interface ForwardedUrlOptions {
  /**
   * The channel's `allowPrivateNetwork`: its upstream sits on the operator's private network
   * on purpose, and so may the images it is sent to fetch there.
   */
  readonly allowPrivateNetwork?: boolean;
  /** Host name to addresses; default the system resolver (off the event loop). */
  readonly resolveHost?: (host: string) => Promise<string[]>;
  /** How long the names of one request may take to resolve, in all. Default 3 s. */
  readonly timeoutMs?: number;
}

/** A request names at most this many hosts to resolve; more is refused rather than queued. */
const MAX_HOSTS = 32;
// A field whose name ends so holds a URL for someone to fetch: `image_url`, `url`,
// `file_url`, `server_url`, Gemini's `fileUri`, `image_urls`.
const URL_FIELD = /(?:url|uri)s?$/i;

const systemResolve = async (host: string) =>
  (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);

/**
 * Refuses (400, `param` naming the field) a request that hands the upstream a URL to fetch on
 * a private, loopback, link-local or metadata address, as a literal in any spelling or as a
 * name that resolves to one (`localhost` included), or a `file:` URL: the upstream would fetch
 * it from where it stands. Other schemes (`data:`, `gs:`, `s3:`) carry no host of ours.
 * Names resolve once here and again at the upstream, so a name rebinding in between is the
 * upstream's to guard; the images the gateway fetches itself go through `fetchImage`.
 */
export async function assertForwardableUrls(
  body: unknown,
  options: ForwardedUrlOptions = {},
): Promise<void> {
  if (options.allowPrivateNetwork === true) return;
  const byHost = new Map<string, string>();
  for (const { path, url } of findForwardedUrls(body)) {
    if (url.protocol === 'file:')
      throw new AdapterError('invalid_request', `${path}: file: URLs are not forwarded`, {
        param: path,
      });
    if (url.protocol !== 'http:' && url.protocol !== 'https:') continue;
    // The URL parser has normalized every IPv4 spelling (127.1, 0x7f000001, 2130706433).
    const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
    if (isIP(host) !== 0) {
      if (isPrivateAddress(host)) throw refuse(path, host);
    } else if (host === 'localhost' || host.endsWith('.localhost')) {
      throw refuse(path, host);
    } else if (!byHost.has(host)) {
      byHost.set(host, path);
    }
  }
  if (byHost.size === 0) return;
  if (byHost.size > MAX_HOSTS) {
    throw new AdapterError(
      'invalid_request',
      `The request names more than ${MAX_HOSTS} hosts for the upstream to fetch from`,
      { param: byHost.values().next().value ?? null },
    );
  }
  const resolve = options.resolveHost ?? systemResolve;
  const deadline = timeout(options.timeoutMs ?? 3000);
  try {
    await Promise.all(
      [...byHost].map(async ([host, path]) => {
        const addresses = await Promise.race([
          resolve(host).catch(() => [] as string[]),
          deadline.promise,
        ]);
        if (addresses === undefined) throw refuse(path, host, 'did not resolve in time');
        // Every address must be public: a name with one public and one private record is refused.
        if (addresses.length === 0) throw refuse(path, host, 'does not resolve');
        if (addresses.some(isPrivateAddress)) throw refuse(path, host);
      }),
    );
  } finally {
    deadline.clear();
  }
}

/** Every URL in a JSON value held by a field named `*url`/`*uri` (or in an array so named). */
export function findForwardedUrls(body: unknown): { path: string; url: URL }[] {
  const found: { path: string; url: URL }[] = [];
  const pending: { value: unknown; path: string; isUrlField: boolean }[] = [
    { value: body, path: '', isUrlField: false },
  ];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value, path, isUrlField } = next;
    if (typeof value === 'string') {
      if (!isUrlField) continue;
      const url = URL.canParse(value) ? new URL(value) : undefined;
      if (url) found.push({ path, url });
    } else if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) {
        const item = value[index];
        // Only what can hold a URL is queued: arrays of numbers (embeddings) cost nothing.
        if (typeof item === 'object' ? item !== null : isUrlField && typeof item === 'string')
          pending.push({ value: item, path: `${path}[${index}]`, isUrlField });
      }
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        const isUrl = URL_FIELD.test(key);
        if (typeof item === 'object' ? item === null : !(isUrl && typeof item === 'string'))
          continue;
        pending.push({ value: item, path: path ? `${path}.${key}` : key, isUrlField: isUrl });
      }
    }
  }
  return found;
}

function timeout(ms: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const promise = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  return { promise, clear: () => clearTimeout(timer) };
}

const refuse = (
  path: string,
  host: string,
  reason = 'is a private, loopback or link-local address',
) =>
  new AdapterError(
    'invalid_request',
    `${path}: the upstream would fetch this URL, and ${host} ${reason}`,
    { param: path },
  );
