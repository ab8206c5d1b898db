import type { AdapterError } from '@oneapi/adapters';
import type { Attempt } from './attempt';

export type RouterErrorCode =
  | 'model_not_allowed'
  | 'model_not_found'
  | 'no_channel_available'
  | 'pinned_channel_unavailable'
  | 'upstream_rejected'
  | 'all_attempts_failed'
  | 'timeout'
  | 'aborted';

export interface RouterErrorTraits {
  /** HTTP status for the caller; `upstream` takes the last AdapterError's status instead. */
  readonly status: number | 'upstream';
  /** OpenAI error `type`. */
  readonly type: string;
  /** Whether the caller may usefully try the same request again later. */
  readonly retryable: boolean;
}

/**
 * One table, not branches. `upstream_rejected`: the upstream refused the request itself (400,
 * 404, 413, content policy), which no retry can fix, so the caller sees the upstream's status.
 * `all_attempts_failed`: retries ran out (count, budget or candidates); the status is the last
 * upstream failure's (429, 502, 503, 504).
 */
export const ROUTER_ERROR_TRAITS: Readonly<Record<RouterErrorCode, RouterErrorTraits>> = {
  model_not_allowed: { status: 403, type: 'permission_error', retryable: false },
  // No channel of the group lists the model: final, unlike `no_channel_available` (channels
  // list it but none can serve now), which a later retry may get through.
  model_not_found: { status: 404, type: 'invalid_request_error', retryable: false },
  no_channel_available: { status: 503, type: 'upstream_error', retryable: true },
  pinned_channel_unavailable: { status: 400, type: 'invalid_request_error', retryable: false },
  upstream_rejected: { status: 'upstream', type: 'invalid_request_error', retryable: false },
  all_attempts_failed: { status: 'upstream', type: 'upstream_error', retryable: true },
  timeout: { status: 504, type: 'upstream_error', retryable: true },
  aborted: { status: 499, type: 'invalid_request_error', retryable: false },
};

export interface RouterErrorOptions {
  readonly attempts?: readonly Attempt[];
  /** The last upstream failure; the gateway may show its message. */
  readonly lastError?: AdapterError;
  readonly cause?: unknown;
}

/** The one error class of @oneapi/router. Messages never contain keys. */
export class RouterError extends Error {
  override readonly name = 'RouterError';
  readonly code: RouterErrorCode;
  readonly attempts: readonly Attempt[];
  readonly lastError: AdapterError | undefined;

  constructor(code: RouterErrorCode, message: string, options: RouterErrorOptions = {}) {
    super(message, { cause: options.cause ?? options.lastError });
    this.code = code;
    this.attempts = options.attempts ?? [];
    this.lastError = options.lastError;
  }

  get status(): number {
    const status = ROUTER_ERROR_TRAITS[this.code].status;
    return status === 'upstream' ? (this.lastError?.status ?? 502) : status;
  }

  get type(): string {
    return ROUTER_ERROR_TRAITS[this.code].type;
  }

  get retryable(): boolean {
    return ROUTER_ERROR_TRAITS[this.code].retryable;
  }

  /**
   * OpenAI's error body, from fields the gateway owns: `type` from this table, `code` from the
   * adapters' table. Upstream failures keep the upstream's message (scrubbed of the channel's
   * keys by the adapters); `param` only when the upstream rejected the request itself, where
   * it names a field the caller sent (a 429 or 5xx has no field at fault).
   */
  toOpenAIError(): {
    error: { message: string; type: string; param: string | null; code: string };
  } {
    const upstream =
      ROUTER_ERROR_TRAITS[this.code].status === 'upstream' ? this.lastError : undefined;
    return {
      error: {
        message: upstream?.message ?? this.message,
        type: this.type,
        param: this.code === 'upstream_rejected' ? (upstream?.param ?? null) : null,
        code: upstream?.code ?? this.code,
      },
    };
  }
}

export function isRouterError(value: unknown): value is RouterError {
  return value instanceof RouterError;
}
