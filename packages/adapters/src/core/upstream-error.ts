import { AdapterError, type AdapterErrorCode } from '../spec/adapter-error';

/** The error code an HTTP status implies when the body says nothing more specific. */
export function errorCodeForStatus(status: number): AdapterErrorCode {
  if (status === 401) return 'upstream_auth_failed';
  if (status === 402) return 'upstream_quota_exhausted';
  if (status === 403) return 'upstream_forbidden';
  if (status === 404) return 'model_not_found';
  if (status === 408) return 'upstream_timeout';
  if (status === 413) return 'payload_too_large';
  if (status === 429) return 'rate_limited';
  if (status === 503 || status === 529) return 'overloaded';
  if (status === 504) return 'upstream_timeout';
  if (status >= 500) return 'upstream_server_error';
  return 'invalid_request';
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when absent or bad. */
export function readRetryAfter(headers: Headers, now = Date.now()): number | undefined {
  const value = headers.get('retry-after-ms') ?? undefined;
  if (value !== undefined && /^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value));
  const header = headers.get('retry-after');
  if (header === null) return undefined;
  if (/^\d+(\.\d+)?$/.test(header.trim())) return Math.ceil(Number(header) * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export interface UpstreamErrorDetails {
  readonly status: number;
  readonly headers: Headers;
  readonly message: string;
  /** Overrides the status-implied code when the provider's body is more precise. */
  readonly code?: AdapterErrorCode;
  readonly param?: string | null;
  readonly retryAfterMs?: number;
}

/**
 * Builds the AdapterError for an upstream failure. The message is the provider's own,
 * prefixed so callers can tell it came from upstream; it never contains the request's key
 * because adapters never put keys in bodies they echo.
 */
export function createUpstreamError(details: UpstreamErrorDetails): AdapterError {
  return new AdapterError(
    details.code ?? errorCodeForStatus(details.status),
    `Upstream error ${details.status}: ${details.message}`,
    {
      param: details.param ?? null,
      upstreamStatus: details.status,
      retryAfterMs: details.retryAfterMs ?? readRetryAfter(details.headers),
    },
  );
}
