import { describe, expect, it } from 'vitest';
import { readFixture } from '../../testing/fixtures';
import { parseDuration, parseGeminiError } from './parse-gemini-error';
import { readRecording } from './testing/gemini-test-support';

const fixture = (name: string) => new URL(`./__fixtures__/${name}`, import.meta.url);
const parse = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  parseGeminiError({
    status,
    headers: new Headers(headers),
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const googleError = (code: number, status: string, message: string, details: unknown[] = []) => ({
  error: { code, status, message, details },
});

describe('parseGeminiError', () => {
  it('reads RetryInfo.retryDelay from a 429 (error-429-resource-exhausted)', () => {
    const error = parse(429, readFixture(fixture('error-429-resource-exhausted.json')), {
      'retry-after': '5',
    });
    expect(error.code).toBe('rate_limited');
    // The body's 34.4s wins over the header's 5s.
    expect(error.retryAfterMs).toBe(34_400);
    expect(error.retryable).toBe(true);
    expect(error.upstreamStatus).toBe(429);
    expect(error.message).toContain('You exceeded your current quota');
  });

  it('falls back to Retry-After when the body has no RetryInfo', () => {
    const error = parse(429, googleError(429, 'RESOURCE_EXHAUSTED', 'quota'), {
      'retry-after': '7',
    });
    expect(error).toMatchObject({ code: 'rate_limited', retryAfterMs: 7000 });
  });

  it('maps an unknown model on a streaming URL to model_not_found (recording-error-404-stream)', () => {
    const [interaction] = readRecording(fixture('recording-error-404-stream.json'));
    const error = parse(404, interaction!.response.bodySegments[0]);
    expect(error.code).toBe('model_not_found');
    expect(error.message).toContain('models/custom-gemini-2.0-flash is not found');
  });

  it('treats an invalid API key as a dead key, though Google says 400 INVALID_ARGUMENT', () => {
    // Shape of Google's documented API_KEY_INVALID answer (hand-written, no capture exists).
    const error = parse(
      400,
      googleError(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', [
        {
          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
          reason: 'API_KEY_INVALID',
          domain: 'googleapis.com',
        },
      ]),
    );
    expect(error.code).toBe('upstream_auth_failed');
    expect(error.kind).toBe('key_fatal');
  });

  it('tells a key problem from a missing permission in PERMISSION_DENIED', () => {
    expect(
      parse(403, googleError(403, 'PERMISSION_DENIED', 'Your API key was reported as leaked.'))
        .code,
    ).toBe('upstream_auth_failed');
    expect(
      parse(
        403,
        googleError(403, 'PERMISSION_DENIED', "Permission 'aiplatform.endpoints.predict' denied"),
      ).code,
    ).toBe('upstream_forbidden');
  });

  it('maps google.rpc status names', () => {
    const cases: Array<[number, string, string, string]> = [
      [400, 'INVALID_ARGUMENT', 'Invalid value at contents[0]', 'invalid_request'],
      [
        400,
        'INVALID_ARGUMENT',
        'The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).',
        'context_length_exceeded',
      ],
      [
        400,
        'FAILED_PRECONDITION',
        'User location is not supported for the API use.',
        'upstream_forbidden',
      ],
      [
        401,
        'UNAUTHENTICATED',
        'Request had invalid authentication credentials.',
        'upstream_auth_failed',
      ],
      [503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.', 'overloaded'],
      [500, 'INTERNAL', 'An internal error has occurred.', 'upstream_server_error'],
      [504, 'DEADLINE_EXCEEDED', 'Deadline expired.', 'upstream_timeout'],
    ];
    for (const [status, rpcStatus, message, code] of cases) {
      expect(parse(status, googleError(status, rpcStatus, message)).code, rpcStatus).toBe(code);
    }
  });

  it('reads an error wrapped in a JSON array (stream URL without alt=sse)', () => {
    expect(parse(404, [googleError(404, 'NOT_FOUND', 'no such model')]).code).toBe(
      'model_not_found',
    );
  });

  it('falls back to the HTTP status for a body that is not a Google error', () => {
    const error = parse(502, '<html>Bad Gateway</html>');
    expect(error).toMatchObject({ code: 'upstream_server_error', upstreamStatus: 502 });
    expect(error.message).toContain('Bad Gateway');
    expect(parse(503, '').code).toBe('overloaded');
  });
});

describe('parseDuration', () => {
  it('reads protobuf JSON durations', () => {
    expect(parseDuration('34.4s')).toBe(34_400);
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('0.0005s')).toBe(1);
    expect(parseDuration('soon')).toBeUndefined();
  });
});
