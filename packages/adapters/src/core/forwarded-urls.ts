import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { AdapterError } from '../spec/adapter-error';
import { SLICE_MS, yieldToEventLoop } from './event-loop-slices';
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
  for (const { path, url } of await findForwardedUrlsInSlices(body)) {
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
export function findForwardedUrls(body: unknown): ForwardedUrl[] {
  const found: ForwardedUrl[] = [];
  for (const next of walkForwardedUrls(body)) if (next !== CHECKPOINT) found.push(next);
  return found;
}

/**
 * `findForwardedUrls`, letting the event loop turn every SLICE_MS: a body of 100,000 chat
 * turns (300,000 values) took 50-90 ms to walk in one call.
 */
async function findForwardedUrlsInSlices(body: unknown): Promise<ForwardedUrl[]> {
  const found: ForwardedUrl[] = [];
  let sliceStarted = performance.now();
  for (const next of walkForwardedUrls(body)) {
    if (next !== CHECKPOINT) found.push(next);
    else if (performance.now() - sliceStarted >= SLICE_MS) {
      await yieldToEventLoop();
      sliceStarted = performance.now();
    }
  }
  return found;
}

export interface ForwardedUrl {
  readonly path: string;
  readonly url: URL;
}

/** Yielded every CHECKPOINT_EVERY values walked, where a caller may let the loop turn. */
const CHECKPOINT = Symbol('checkpoint');
const CHECKPOINT_EVERY = 1024;

/** A value waiting to be walked; its path is spelled only if a URL is found under it. */
interface Pending {
  readonly value: unknown;
  readonly parent: Pending | undefined;
  readonly key: string | number;
  readonly isUrlField: boolean;
}

function* walkForwardedUrls(body: unknown): Generator<ForwardedUrl | typeof CHECKPOINT> {
  const pending: Pending[] = [{ value: body, parent: undefined, key: '', isUrlField: false }];
  let walked = 0;
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (++walked % CHECKPOINT_EVERY === 0) yield CHECKPOINT;
    const { value, isUrlField } = next;
    if (typeof value === 'string') {
      if (!isUrlField) continue;
      const url = URL.canParse(value) ? new URL(value) : undefined;
      if (url) yield { path: pathOf(next), url };
    } else if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) {
        const item = value[index];
        // Only what can hold a URL is queued: arrays of numbers (embeddings) cost nothing.
        if (typeof item === 'object' ? item !== null : isUrlField && typeof item === 'string')
          pending.push({ value: item, parent: next, key: index, isUrlField });
      }
    } else if (typeof value === 'object' && value !== null) {
      for (const key in value) {
        const item = (value as Record<string, unknown>)[key];
        if (typeof item === 'object' ? item === null : typeof item !== 'string') continue;
        const isUrl = isUrlFieldName(key);
        if (typeof item === 'string' && !isUrl) continue;
        pending.push({ value: item, parent: next, key, isUrlField: isUrl });
      }
    }
  }
}

/** `messages[0].content[1].image_url.url`, as the refusal's `param` names the field. */
function pathOf(entry: Pending): string {
  let path = '';
  for (let at: Pending | undefined = entry; at?.parent !== undefined; at = at.parent)
    path =
      typeof at.key === 'number'
        ? `[${at.key}]${path}`
        : at.parent.parent === undefined
          ? `${at.key}${path}`
          : `.${at.key}${path}`;
  return path;
}

// Field names repeat from one message to the next: each is judged once per process.
const urlFieldNames = new Map<string, boolean>();
function isUrlFieldName(key: string): boolean {
  let isUrl = urlFieldNames.get(key);
  if (isUrl === undefined) {
    isUrl = URL_FIELD.test(key);
    // Bounded: a body of odd keys must not grow it forever.
    if (urlFieldNames.size < 4096) urlFieldNames.set(key, isUrl);
  }
  return isUrl;
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
