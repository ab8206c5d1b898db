import { asRecord } from '../../core/parse-json';
import { createUpstreamError } from '../../core/upstream-error';
import type { AdapterError, AdapterErrorCode } from '../../spec/adapter-error';
import type { UpstreamErrorResponse } from '../../spec/provider-adapter';

// OpenAI's own `code` values that say more than the status does.
const CODES: Record<string, AdapterErrorCode> = {
  invalid_api_key: 'upstream_auth_failed',
  insufficient_quota: 'upstream_quota_exhausted',
  billing_hard_limit_reached: 'upstream_quota_exhausted',
  account_deactivated: 'upstream_auth_failed',
  context_length_exceeded: 'context_length_exceeded',
  string_above_max_length: 'context_length_exceeded',
  content_filter: 'content_filter',
  content_policy_violation: 'content_filter',
  model_not_found: 'model_not_found',
  rate_limit_exceeded: 'rate_limited',
};

/** Reads `{"error":{"message","type","param","code"}}` (or a bare message) into an AdapterError. */
export function parseOpenAIError(response: UpstreamErrorResponse): AdapterError {
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    body = { error: { message: response.body.slice(0, 500) || `HTTP ${response.status}` } };
  }
  const error = asRecord(body).error ?? body;
  return parseOpenAIErrorObject(error, response.status, response.headers);
}

export function parseOpenAIErrorObject(
  raw: unknown,
  status: number,
  headers: Headers = new Headers(),
): AdapterError {
  const error = typeof raw === 'string' ? { message: raw } : asRecord(raw);
  const code = typeof error.code === 'string' ? CODES[error.code] : undefined;
  const type = typeof error.type === 'string' ? CODES[error.type] : undefined;
  const message =
    typeof error.message === 'string' && error.message ? error.message : `HTTP ${status}`;
  return createUpstreamError({
    status,
    headers,
    message,
    code:
      code ??
      type ??
      (/context length|maximum context/i.test(message) ? 'context_length_exceeded' : undefined),
    param: typeof error.param === 'string' ? error.param : null,
  });
}
