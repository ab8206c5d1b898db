/** Every reason the ledger refuses or fails, each with one row in the table below. */
export type LedgerErrorCode =
  | 'insufficient_quota'
  | 'price_not_found'
  | 'group_not_found'
  | 'invalid_amount'
  | 'duplicate_request'
  | 'reservation_not_found'
  | 'rate_limited'
  | 'code_not_redeemable'
  | 'idempotency_conflict';

interface ErrorTraits {
  /** HTTP status the gateway answers with. */
  readonly status: number;
  /** OpenAI's `error.type`. */
  readonly type: string;
}

/*
 * insufficient_quota is 403, as One API answers, not OpenAI's 429: the OpenAI SDKs retry
 * every 429 with backoff, and retrying cannot make an empty balance pay. The `type` and
 * `code` stay OpenAI's `insufficient_quota`, which is what clients branch on.
 */
const TRAITS: Record<LedgerErrorCode, ErrorTraits> = {
  insufficient_quota: { status: 403, type: 'insufficient_quota' },
  price_not_found: { status: 400, type: 'invalid_request_error' },
  group_not_found: { status: 500, type: 'server_error' },
  invalid_amount: { status: 400, type: 'invalid_request_error' },
  duplicate_request: { status: 409, type: 'invalid_request_error' },
  reservation_not_found: { status: 500, type: 'server_error' },
  rate_limited: { status: 429, type: 'rate_limit_exceeded' },
  code_not_redeemable: { status: 400, type: 'invalid_request_error' },
  idempotency_conflict: { status: 409, type: 'invalid_request_error' },
};

/** The OpenAI error body: `{ error: { message, type, code } }`. */
export interface OpenAIErrorBody {
  readonly error: { readonly message: string; readonly type: string; readonly code: string };
}

export class LedgerError extends Error {
  override readonly name = 'LedgerError';
  readonly code: LedgerErrorCode;
  readonly status: number;
  readonly type: string;
  /** Seconds a client should wait, for `rate_limited`; sent as Retry-After. */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: LedgerErrorCode,
    message: string,
    options: { cause?: unknown; retryAfterSeconds?: number } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = TRAITS[code].status;
    this.type = TRAITS[code].type;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  toOpenAIError(): OpenAIErrorBody {
    return { error: { message: this.message, type: this.type, code: this.code } };
  }
}

export const isLedgerError = (error: unknown): error is LedgerError => error instanceof LedgerError;
