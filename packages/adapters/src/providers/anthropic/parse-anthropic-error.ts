import { asRecord } from '../../core/parse-json';
import { createUpstreamError } from '../../core/upstream-error';
import type { AdapterError, AdapterErrorCode } from '../../spec/adapter-error';
import type { UpstreamErrorResponse } from '../../spec/provider-adapter';

const CODES: Record<string, AdapterErrorCode> = {
  invalid_request_error: 'invalid_request',
  authentication_error: 'upstream_auth_failed',
  billing_error: 'upstream_quota_exhausted',
  permission_denied_error: 'upstream_forbidden',
  not_found_error: 'model_not_found',
  request_too_large: 'payload_too_large',
  rate_limit_error: 'rate_limited',
  api_error: 'upstream_server_error',
  overloaded_error: 'overloaded',
  timeout_error: 'upstream_timeout',
};

/** `{"type":"error","error":{"type","message"}}`, from an HTTP error or an `error` stream event. */
export function parseAnthropicErrorObject(
  raw: unknown,
  status: number,
  headers: Headers = new Headers(),
): AdapterError {
  const error = asRecord(asRecord(raw).error);
  const type = typeof error.type === 'string' ? error.type : '';
  const message = typeof error.message === 'string' ? error.message : `HTTP ${status}`;
  let code = CODES[type];
  if (/prompt is too long|context window/i.test(message)) code = 'context_length_exceeded';
  // A 400 "credit balance is too low" is a dead key, not a bad request.
  if (/credit balance/i.test(message)) code = 'upstream_quota_exhausted';
  return createUpstreamError({ status, headers, message, ...(code && { code }) });
}

export function parseAnthropicError(response: UpstreamErrorResponse): AdapterError {
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    body = { error: { message: response.body.slice(0, 500) || `HTTP ${response.status}` } };
  }
  return parseAnthropicErrorObject(body, response.status, response.headers);
}
