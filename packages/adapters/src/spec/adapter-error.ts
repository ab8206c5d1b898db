/**
 * Every failure an adapter reports. The router reads only `kind` and `retryAfterMs`;
 * the gateway turns the rest into the OpenAI error shape.
 */
export type AdapterErrorCode =
  | 'invalid_request'
  | 'context_length_exceeded'
  | 'content_filter'
  | 'model_not_found'
  | 'payload_too_large'
  | 'upstream_auth_failed'
  | 'upstream_quota_exhausted'
  | 'upstream_forbidden'
  | 'rate_limited'
  | 'overloaded'
  | 'upstream_server_error'
  | 'upstream_timeout'
  | 'upstream_connection_failed'
  | 'upstream_stream_interrupted'
  | 'upstream_bad_response'
  | 'aborted'
  | 'unsupported';

/**
 * What the router may do about an error:
 * - `retryable`: try again, on another channel or key (429, 5xx, overloaded, timeouts, resets);
 * - `key_fatal`: this key is unusable (invalid, no credit): disable it and try another;
 * - `client`: the request itself is wrong; never retried.
 */
export type AdapterErrorKind = 'retryable' | 'key_fatal' | 'client';

export interface AdapterErrorTraits {
  /** HTTP status the gateway returns when this error reaches the caller. */
  readonly status: number;
  /** OpenAI error `type`. */
  readonly type: string;
  readonly kind: AdapterErrorKind;
}

/** One table, not branches: status, OpenAI type and retry class per code. */
export const ADAPTER_ERROR_TRAITS: Readonly<Record<AdapterErrorCode, AdapterErrorTraits>> = {
  invalid_request: { status: 400, type: 'invalid_request_error', kind: 'client' },
  context_length_exceeded: { status: 400, type: 'invalid_request_error', kind: 'client' },
  content_filter: { status: 400, type: 'invalid_request_error', kind: 'client' },
  model_not_found: { status: 404, type: 'invalid_request_error', kind: 'client' },
  payload_too_large: { status: 413, type: 'invalid_request_error', kind: 'client' },
  upstream_auth_failed: { status: 502, type: 'upstream_error', kind: 'key_fatal' },
  upstream_quota_exhausted: { status: 502, type: 'upstream_error', kind: 'key_fatal' },
  upstream_forbidden: { status: 502, type: 'upstream_error', kind: 'retryable' },
  rate_limited: { status: 429, type: 'rate_limit_error', kind: 'retryable' },
  overloaded: { status: 503, type: 'upstream_error', kind: 'retryable' },
  upstream_server_error: { status: 502, type: 'upstream_error', kind: 'retryable' },
  upstream_timeout: { status: 504, type: 'upstream_error', kind: 'retryable' },
  upstream_connection_failed: { status: 502, type: 'upstream_error', kind: 'retryable' },
  // The upstream had answered 2xx and then closed or reset the stream. Retryable only in the
  // router's sense (it counts against the channel's health, and fails over while nothing has
  // reached the caller); once the stream has committed, nothing is retried.
  upstream_stream_interrupted: { status: 502, type: 'upstream_error', kind: 'retryable' },
  upstream_bad_response: { status: 502, type: 'upstream_error', kind: 'retryable' },
  aborted: { status: 499, type: 'invalid_request_error', kind: 'client' },
  unsupported: { status: 400, type: 'invalid_request_error', kind: 'client' },
};

export interface AdapterErrorOptions {
  /** The request field at fault, OpenAI's `param`. */
  readonly param?: string | null;
  /** HTTP status the upstream answered with, if any. */
  readonly upstreamStatus?: number;
  /** From Retry-After or the provider's own retry hint. */
  readonly retryAfterMs?: number;
  readonly cause?: unknown;
}

/** The one error class of @oneapi/adapters. */
export class AdapterError extends Error {
  override readonly name = 'AdapterError';
  readonly code: AdapterErrorCode;
  readonly param: string | null;
  readonly upstreamStatus: number | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(code: AdapterErrorCode, message: string, options: AdapterErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.code = code;
    this.param = options.param ?? null;
    this.upstreamStatus = options.upstreamStatus;
    this.retryAfterMs = options.retryAfterMs;
  }

  get status(): number {
    return ADAPTER_ERROR_TRAITS[this.code].status;
  }

  get kind(): AdapterErrorKind {
    return ADAPTER_ERROR_TRAITS[this.code].kind;
  }

  get retryable(): boolean {
    return this.kind === 'retryable';
  }

  /** The OpenAI error body for this error. */
  toOpenAIError(): OpenAIErrorBody {
    return {
      error: {
        message: this.message,
        type: ADAPTER_ERROR_TRAITS[this.code].type,
        param: this.param,
        code: this.code,
      },
    };
  }
}

export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

export function isAdapterError(value: unknown): value is AdapterError {
  return value instanceof AdapterError;
}
