import { describe, expect, it } from 'vitest';
import { parseBedrockError } from './parse-bedrock-error';

const parse = (
  status: number,
  errorType: string | undefined,
  body: string,
  extra: Record<string, string> = {},
) =>
  parseBedrockError({
    status,
    headers: new Headers({ ...(errorType && { 'x-amzn-errortype': errorType }), ...extra }),
    body,
  });

describe('parseBedrockError', () => {
  it.each([
    [
      429,
      'ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/',
      'Too many requests, please wait before trying again.',
      'rate_limited',
    ],
    [
      403,
      'UnrecognizedClientException:http://internal.amazon.com/coral/com.amazon.coral.service/',
      'The security token included in the request is invalid.',
      'upstream_auth_failed',
    ],
    [
      403,
      'InvalidSignatureException',
      'The request signature we calculated does not match the signature you provided.',
      'upstream_auth_failed',
    ],
    [
      403,
      'AccessDeniedException',
      'User: arn:aws:iam::123:user/x is not authorized to perform: bedrock:InvokeModel',
      'upstream_auth_failed',
    ],
    [
      403,
      'AccessDeniedException',
      "You don't have access to the model with the specified model ID.",
      'upstream_forbidden',
    ],
    [400, 'ValidationException', 'The provided model identifier is invalid.', 'invalid_request'],
    [
      400,
      'ValidationException',
      'Input is too long for requested model.',
      'context_length_exceeded',
    ],
    [
      400,
      'ValidationException',
      'prompt is too long: 215000 tokens > 200000 maximum',
      'context_length_exceeded',
    ],
    [404, 'ResourceNotFoundException', 'Model not found.', 'model_not_found'],
    [
      503,
      'ServiceUnavailableException',
      'Bedrock is unable to process your request.',
      'overloaded',
    ],
    [
      408,
      'ModelTimeoutException',
      'Model has timed out in processing the request.',
      'upstream_timeout',
    ],
    [500, 'InternalServerException', 'Internal server error', 'upstream_server_error'],
  ])('HTTP %i %s -> %s', (status, errorType, message, code) => {
    const error = parse(status, errorType, JSON.stringify({ message }));
    expect(error.code).toBe(code);
    expect(error.upstreamStatus).toBe(status);
    expect(error.message).toContain(message);
    expect(error.message).toContain(errorType.split(':')[0]);
  });

  it('reads the exception name from a namespaced __type when the header is missing', () => {
    const body = JSON.stringify({
      __type: 'com.amazon.coral.service#UnrecognizedClientException',
      Message: 'The security token included in the request is invalid',
    });
    const error = parse(403, undefined, body);
    expect(error.code).toBe('upstream_auth_failed');
    expect(error.message).toContain('The security token included in the request is invalid');
  });

  it('falls back to the status, keeps a non-JSON body and reads Retry-After', () => {
    const error = parse(429, undefined, 'rate exceeded', { 'retry-after': '3' });
    expect(error.code).toBe('rate_limited');
    expect(error.retryAfterMs).toBe(3000);
    expect(error.message).toContain('rate exceeded');
    expect(parse(502, undefined, '').code).toBe('upstream_server_error');
  });
});
