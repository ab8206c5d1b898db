import { AdapterError, type AdapterErrorCode, isAdapterError } from '../spec/adapter-error';
import type { SecretScrubber } from './secret-scrubber';

/**
 * A request field as OpenAI names one in `param`: `max_tokens`, `messages[0].content`,
 * `tools.0.function.name`. Anything else an upstream puts there is not a field name.
 */
const FIELD_PATH =
  /^[A-Za-z_][A-Za-z0-9_]{0,63}(?:\.[A-Za-z_][A-Za-z0-9_]{0,63}|\.\d{1,6}|\[\d{1,6}\]){0,15}$/;

// Their cause is a network error (no upstream text), worth keeping for whoever debugs.
const TRANSPORT_CODES: ReadonlySet<AdapterErrorCode> = new Set([
  'upstream_connection_failed',
  'upstream_timeout',
  'aborted',
]);

/**
 * An AdapterError as a client may see it. `code` (and so status and type) is already ours,
 * from the code table; of the upstream's own words only these remain: the message, with every
 * form of every channel key masked, and `param`, kept only when it is a plain field path that
 * holds no key and, when `sent` is given, whose first segment is a field the caller sent.
 * The cause goes unless it is a network error: a parse error's message quotes upstream text.
 */
export function scrubUpstreamError(
  error: unknown,
  scrubber: SecretScrubber,
  sent?: (field: string) => boolean,
): unknown {
  if (!isAdapterError(error)) return error;
  return new AdapterError(error.code, scrubber.scrub(error.message), {
    param: keptParam(error.param, scrubber, sent),
    ...(error.upstreamStatus !== undefined && { upstreamStatus: error.upstreamStatus }),
    ...(error.retryAfterMs !== undefined && { retryAfterMs: error.retryAfterMs }),
    ...(TRANSPORT_CODES.has(error.code) && error.cause !== undefined && { cause: error.cause }),
  });
}

function keptParam(
  param: string | null,
  scrubber: SecretScrubber,
  sent: ((field: string) => boolean) | undefined,
): string | null {
  if (param === null || !FIELD_PATH.test(param) || scrubber.holdsSecret(param)) return null;
  const field = /^[A-Za-z0-9_]+/.exec(param)?.[0] ?? '';
  return sent === undefined || sent(field) ? param : null;
}
