import { createUpstreamError } from '../../core/upstream-error';
import { AdapterError, type AdapterErrorCode } from '../../spec/adapter-error';
import type { UpstreamErrorResponse } from '../../spec/provider-adapter';
import { bedrockErrorBodySchema } from './bedrock-api';

// Bedrock's exception names; stream exception frames use the same names in lowerCamelCase.
const CODES: Readonly<Record<string, AdapterErrorCode>> = {
  ThrottlingException: 'rate_limited',
  // On-demand token and request quotas: wait or use another account, like a 429.
  ServiceQuotaExceededException: 'rate_limited',
  UnrecognizedClientException: 'upstream_auth_failed',
  InvalidSignatureException: 'upstream_auth_failed',
  IncompleteSignatureException: 'upstream_auth_failed',
  MissingAuthenticationTokenException: 'upstream_auth_failed',
  ExpiredTokenException: 'upstream_auth_failed',
  ValidationException: 'invalid_request',
  ResourceNotFoundException: 'model_not_found',
  ServiceUnavailableException: 'overloaded',
  ModelNotReadyException: 'overloaded',
  ModelTimeoutException: 'upstream_timeout',
  InternalServerException: 'upstream_server_error',
  ModelErrorException: 'upstream_server_error',
  ModelStreamErrorException: 'upstream_server_error',
};

// Bedrock's wording varies by model: "Input is too long for requested model.",
// "prompt is too long: 215000 tokens > 200000 maximum", "input length and `max_tokens`
// exceed context limit". ("Too many tokens, please wait" is a throttle, not this.)
const CONTEXT_TOO_LONG =
  /too long|too many input tokens|context (length|window|limit)|maximum context|exceeds? the max(imum)? (number of )?input tokens/i;
// AccessDeniedException covers both a bad key and a model the account has not been granted.
const ABOUT_CREDENTIALS =
  /credential|security token|signature|not authorized|authenticat|api key|bearer/i;

/** The adapter code for a Bedrock exception name (either case) and its message. */
export function codeForBedrockException(
  name: string,
  message: string,
): AdapterErrorCode | undefined {
  const exception = name.charAt(0).toUpperCase() + name.slice(1);
  if (exception === 'AccessDeniedException') {
    return ABOUT_CREDENTIALS.test(message) ? 'upstream_auth_failed' : 'upstream_forbidden';
  }
  const code = CODES[exception];
  if (code === 'invalid_request' && CONTEXT_TOO_LONG.test(message))
    return 'context_length_exceeded';
  return code;
}

/**
 * Reads a Bedrock error: the exception name comes from the `x-amzn-errortype` header
 * (`ThrottlingException:http://internal.amazon.com/...`) or the body's `__type`
 * (`com.amazon.coral.service#UnrecognizedClientException`); the text from `message`.
 */
export function parseBedrockError(response: UpstreamErrorResponse): AdapterError {
  const body = readErrorBody(response.body);
  const message =
    body.message ?? body.Message ?? (response.body.slice(0, 500) || `HTTP ${response.status}`);
  const name = exceptionName(response.headers.get('x-amzn-errortype') ?? body.__type ?? '');
  const code = codeForBedrockException(name, message);
  return createUpstreamError({
    status: response.status,
    headers: response.headers,
    message: name ? `${name}: ${message}` : message,
    ...(code && { code }),
  });
}

/** The AdapterError for an exception frame inside a ConverseStream body. */
export function bedrockStreamException(name: string, payload: unknown): AdapterError {
  const parsed = bedrockErrorBodySchema.safeParse(payload);
  const body = parsed.success ? parsed.data : {};
  const message =
    body.message ??
    body.Message ??
    (typeof payload === 'string' && payload ? payload : 'no message');
  return new AdapterError(
    codeForBedrockException(name, message) ?? 'upstream_server_error',
    `Upstream stream error ${name}: ${message}`,
  );
}

function readErrorBody(text: string) {
  try {
    const parsed = bedrockErrorBodySchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/** `Name:http://...` and `namespace#Name` both reduce to `Name`. */
function exceptionName(raw: string): string {
  const withoutUri = raw.split(':')[0] ?? '';
  return withoutUri.slice(withoutUri.lastIndexOf('#') + 1).trim();
}
