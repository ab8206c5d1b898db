/** Every failure the gateway itself reports, with its HTTP status and OpenAI error type from one table. */
export type GatewayErrorCode =
  | 'invalid_request'
  | 'invalid_api_key'
  | 'unauthorized'
  | 'forbidden'
  | 'csrf_failed'
  | 'not_found'
  | 'conflict'
  | 'setup_done'
  | 'too_many_requests'
  | 'too_many_concurrent_requests'
  | 'token_disabled'
  | 'token_expired'
  | 'ip_not_allowed'
  | 'model_not_allowed'
  | 'model_not_found'
  | 'no_channel_available'
  | 'shutting_down'
  | 'database_unavailable'
  | 'payload_too_large'
  | 'upstream_error'
  | 'internal_error';

const TRAITS: Record<GatewayErrorCode, { status: number; type: string }> = {
  invalid_request: { status: 400, type: 'invalid_request_error' },
  invalid_api_key: { status: 401, type: 'invalid_request_error' },
  unauthorized: { status: 401, type: 'authentication_error' },
  forbidden: { status: 403, type: 'permission_error' },
  csrf_failed: { status: 403, type: 'permission_error' },
  not_found: { status: 404, type: 'invalid_request_error' },
  conflict: { status: 409, type: 'invalid_request_error' },
  setup_done: { status: 409, type: 'invalid_request_error' },
  too_many_requests: { status: 429, type: 'rate_limit_error' },
  too_many_concurrent_requests: { status: 429, type: 'rate_limit_error' },
  token_disabled: { status: 401, type: 'invalid_request_error' },
  token_expired: { status: 401, type: 'invalid_request_error' },
  ip_not_allowed: { status: 403, type: 'permission_error' },
  model_not_allowed: { status: 403, type: 'invalid_request_error' },
  // No channel of the caller's group lists the model: OpenAI's answer for an unknown model.
  // A 404 is final for the SDKs; a 503 would be retried for nothing.
  model_not_found: { status: 404, type: 'invalid_request_error' },
  // Channels list the model but none can take it now (disabled by health, keys dead).
  no_channel_available: { status: 503, type: 'server_error' },
  shutting_down: { status: 503, type: 'server_error' },
  database_unavailable: { status: 503, type: 'server_error' },
  payload_too_large: { status: 413, type: 'invalid_request_error' },
  // An upstream the gateway called for an admin (a channel's model list) failed.
  upstream_error: { status: 502, type: 'server_error' },
  internal_error: { status: 500, type: 'server_error' },
};

export class GatewayError extends Error {
  override readonly name = 'GatewayError';
  readonly code: GatewayErrorCode;
  readonly param: string | null;

  constructor(
    code: GatewayErrorCode,
    message: string,
    options: { param?: string | null; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.code = code;
    this.param = options.param ?? null;
  }

  get status(): number {
    return TRAITS[this.code].status;
  }

  toOpenAIError() {
    return {
      error: {
        message: this.message,
        type: TRAITS[this.code].type,
        param: this.param,
        code: this.code,
      },
    };
  }
}
