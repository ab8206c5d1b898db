import { AdapterError } from '../spec/adapter-error';
import type { UpstreamRequest } from '../spec/provider-adapter';
import { type RequestOverrides, requestOverridesSchema } from '../spec/request-overrides';

/**
 * The channel setting `overrides`, read once per client. The admin API checks it when the
 * channel is saved; a stored value that no longer reads is the channel's fault, said plainly
 * rather than sending requests without the overrides the operator asked for.
 */
export function readRequestOverrides(
  config: Readonly<Record<string, unknown>>,
): RequestOverrides | undefined {
  if (config.overrides === undefined || config.overrides === null) return undefined;
  const parsed = requestOverridesSchema.safeParse(config.overrides);
  if (parsed.success) return parsed.data;
  throw new AdapterError(
    'unsupported',
    `The channel's overrides are invalid (${parsed.error.issues[0]?.message}): save the channel again`,
  );
}

/**
 * A channel's overrides on one built request: headers set and stripped (names compared in
 * lower case), top-level fields of a JSON object body forced and dropped. Pure and idempotent;
 * it answers the very same request when nothing changes, so a passed-through body keeps its
 * bytes unless an override really applies. A JSON body is read as text or as UTF-8 bytes (a
 * passthrough's); other bytes (multipart) or a body that is not a JSON object keep their
 * fields: there are none to override.
 */
export function applyRequestOverrides(
  request: UpstreamRequest,
  overrides: RequestOverrides | undefined,
): UpstreamRequest {
  if (!overrides) return request;
  const headers = overrideHeaders(request.headers, overrides);
  const body = overrideBody(request.body, isJson(request.headers), overrides);
  if (headers === request.headers && body === request.body) return request;
  return { ...request, headers, ...(body !== undefined && { body }) };
}

function overrideHeaders(
  headers: Readonly<Record<string, string>>,
  { setHeaders = {}, stripHeaders = [] }: RequestOverrides,
): Readonly<Record<string, string>> {
  const removed = new Set([...stripHeaders, ...Object.keys(setHeaders)]);
  const kept = Object.entries(headers).filter(([name]) => !removed.has(name.toLowerCase()));
  const next = Object.fromEntries([...kept, ...Object.entries(setHeaders)]);
  return sameRecord(headers, next) ? headers : next;
}

function isJson(headers: Readonly<Record<string, string>>): boolean {
  const type = Object.entries(headers).find(([name]) => name.toLowerCase() === 'content-type');
  return type !== undefined && /\bjson\b/i.test(type[1]);
}

function overrideBody(
  body: UpstreamRequest['body'],
  json: boolean,
  overrides: RequestOverrides,
): UpstreamRequest['body'] {
  if (body instanceof Uint8Array) {
    if (!json) return body;
    // Only when an override applies is the passthrough's body decoded and encoded again: the
    // operator asked for a change to the client's bytes.
    const text = new TextDecoder().decode(body);
    const changed = overrideText(text, overrides);
    return changed === text ? body : new TextEncoder().encode(changed);
  }
  return typeof body === 'string' ? overrideText(body, overrides) : body;
}

function overrideText(body: string, { setParams = {}, dropParams = [] }: RequestOverrides): string {
  const forced = Object.entries(setParams);
  if (forced.length === 0 && dropParams.length === 0) return body;
  const parsed = parseObject(body);
  if (!parsed) return body;
  let changed = false;
  for (const name of dropParams) {
    if (Object.hasOwn(parsed, name)) {
      delete parsed[name];
      changed = true;
    }
  }
  for (const [name, value] of forced) {
    if (JSON.stringify(parsed[name]) !== JSON.stringify(value)) {
      parsed[name] = value;
      changed = true;
    }
  }
  return changed ? JSON.stringify(parsed) : body;
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function sameRecord(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>) {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}
