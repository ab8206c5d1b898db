import { createUpstreamError } from '../../core/upstream-error';
import type { AdapterError, AdapterErrorCode } from '../../spec/adapter-error';
import type { UpstreamErrorResponse } from '../../spec/provider-adapter';
import { type GeminiErrorBody, geminiErrorBodySchema } from './gemini-api';

/** google.rpc status names whose meaning is clearer than the HTTP status alone. */
const CODES_BY_STATUS: Record<string, AdapterErrorCode> = {
  INVALID_ARGUMENT: 'invalid_request',
  // e.g. "User location is not supported" or billing not enabled: the account, not the request.
  FAILED_PRECONDITION: 'upstream_forbidden',
  UNAUTHENTICATED: 'upstream_auth_failed',
  NOT_FOUND: 'model_not_found',
  RESOURCE_EXHAUSTED: 'rate_limited',
  UNAVAILABLE: 'overloaded',
  INTERNAL: 'upstream_server_error',
  DEADLINE_EXCEEDED: 'upstream_timeout',
};

/** ErrorInfo reasons that say the key itself is unusable. */
const BAD_KEY_REASONS = new Set(['API_KEY_INVALID', 'API_KEY_SERVICE_BLOCKED', 'API_KEY_EXPIRED']);

/** A non-2xx Gemini/Vertex answer as an AdapterError. */
export function parseGeminiError(response: UpstreamErrorResponse): AdapterError {
  const body = readErrorBody(response.body);
  if (!body) {
    return createUpstreamError({
      status: response.status,
      headers: response.headers,
      message: response.body.trim().slice(0, 500) || 'no error body',
    });
  }
  return toGeminiAdapterError(body, response.status, response.headers);
}

/** Also used for an error object that arrives inside a stream, where there is no HTTP status. */
export function toGeminiAdapterError(
  body: GeminiErrorBody,
  status: number,
  headers: Headers = new Headers(),
): AdapterError {
  const { error } = body;
  const retryDelay = error.details?.find((detail) => detail.retryDelay !== undefined)?.retryDelay;
  const retryAfterMs = retryDelay !== undefined ? parseDuration(retryDelay) : undefined;
  const code = chooseCode(body);
  return createUpstreamError({
    status,
    headers,
    message: error.message ?? error.status ?? 'unknown error',
    ...(code ? { code } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });
}

function chooseCode(body: GeminiErrorBody): AdapterErrorCode | undefined {
  const { error } = body;
  const reasons = (error.details ?? []).map((detail) => detail.reason);
  // A bad key is reported as 400 INVALID_ARGUMENT with reason API_KEY_INVALID.
  if (reasons.some((reason) => reason !== undefined && BAD_KEY_REASONS.has(reason))) {
    return 'upstream_auth_failed';
  }
  if (error.status === 'PERMISSION_DENIED') {
    return /api key/i.test(error.message ?? '') ? 'upstream_auth_failed' : 'upstream_forbidden';
  }
  if (
    error.status === 'INVALID_ARGUMENT' &&
    /exceeds the maximum number of tokens/i.test(error.message ?? '')
  ) {
    return 'context_length_exceeded';
  }
  return error.status !== undefined ? CODES_BY_STATUS[error.status] : undefined;
}

/**
 * The error JSON, also when a streaming URL wraps it in an array (no alt=sse) or an
 * SSE `data:` line; undefined when the body is not a Google error at all.
 */
function readErrorBody(text: string): GeminiErrorBody | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text.trim().replace(/^data:\s*/, ''));
  } catch {
    return undefined;
  }
  const candidate = Array.isArray(value) ? value[0] : value;
  const parsed = geminiErrorBodySchema.safeParse(candidate);
  return parsed.success ? parsed.data : undefined;
}

/** A protobuf Duration in JSON ("34.4s") as milliseconds. */
export function parseDuration(duration: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)s$/.exec(duration.trim());
  return match ? Math.ceil(Number(match[1]) * 1000) : undefined;
}
