import { describe, expect, it } from 'vitest';
import { AdapterError } from '../spec/adapter-error';
import { scrubUpstreamError } from './scrub-upstream-error';
import { createSecretScrubber, secretForms } from './secret-scrubber';

const OPENAI_KEY = 'sk-proj-Kq8f0d2b6a4c9e1f3a5b7c9d1e3f5a7b9';
const OTHER_KEY = 'sk-Zx81c3e5a7b9d1f3a5c7e9b1d3f5a7c9e';
const ANTHROPIC_KEY = 'sk-ant-api03-Jt4a6c8e0b2d4f6a8c0e2b4d6f8a0c2e4';
const BEDROCK_KEY = 'AKIAIOSFODNN7EXAMPLE:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

describe('secretForms', () => {
  it('lists a key whole, without each vendor prefix segment, and each part of a composite key', () => {
    expect(secretForms(ANTHROPIC_KEY)).toEqual([
      ANTHROPIC_KEY,
      'ant-api03-Jt4a6c8e0b2d4f6a8c0e2b4d6f8a0c2e4',
      'api03-Jt4a6c8e0b2d4f6a8c0e2b4d6f8a0c2e4',
      'Jt4a6c8e0b2d4f6a8c0e2b4d6f8a0c2e4',
    ]);
    expect(secretForms(BEDROCK_KEY)).toEqual([
      BEDROCK_KEY,
      'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      'AKIAIOSFODNN7EXAMPLE',
    ]);
    // Too short to mask without mangling ordinary words.
    expect(secretForms('sk-ab')).toEqual(['sk-ab']);
    expect(secretForms('abc')).toEqual([]);
  });
});

describe('createSecretScrubber', () => {
  const scrubber = createSecretScrubber([OPENAI_KEY, OTHER_KEY, ANTHROPIC_KEY]);

  it('masks every key of the channel in every form an upstream quotes it', () => {
    const text = [
      `Incorrect API key provided: ${OPENAI_KEY}.`,
      `(also Kq8f0d2b6a4c9e1f3a5b7c9d1e3f5a7b9 and Bearer ${OTHER_KEY})`,
      'masked: sk-proj-********************a7b9, sk-Zx81...a7c9e',
      'anthropic: api03-Jt4a6c8e0b2d4f6a8c0e2b4d6f8a0c2e4',
    ].join(' ');
    const scrubbed = scrubber.scrub(text);
    expect(scrubbed).toBe(
      'Incorrect API key provided: ***. (also *** and Bearer ***) masked: ***, *** anthropic: ***',
    );
    expect(scrubber.holdsSecret(text)).toBe(true);
    expect(scrubber.holdsSecret(scrubbed)).toBe(false);
  });

  it('leaves ordinary text alone, ellipses and stars included', () => {
    const text = 'Rate limit reached... please wait. See docs****here and sk-other...1234.';
    expect(scrubber.scrub(text)).toBe(text);
  });

  it('stays linear on long runs of key characters and of mask characters', () => {
    const started = performance.now();
    scrubber.scrub(`${'a'.repeat(200_000)}${'.'.repeat(200_000)}${'*'.repeat(200_000)}`);
    // A generous bound: the backtracking this guards against takes minutes at this size.
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('works out a keys array once, and a new array with new keys afresh', () => {
    const keys = [OPENAI_KEY];
    expect(createSecretScrubber(keys)).toBe(createSecretScrubber(keys));
    const rotated = createSecretScrubber([ANTHROPIC_KEY]);
    expect(rotated.scrub(`key ${ANTHROPIC_KEY}`)).toBe('key ***');
    expect(rotated.scrub(`key ${OPENAI_KEY}`)).toBe(`key ${OPENAI_KEY}`);
  });
});

describe('scrubUpstreamError', () => {
  const scrubber = createSecretScrubber([OPENAI_KEY, OTHER_KEY]);
  const upstream = (param: string | null) =>
    new AdapterError('invalid_request', `Upstream error 400: bad key ${OTHER_KEY}`, {
      param,
      upstreamStatus: 400,
      retryAfterMs: 1000,
      cause: new SyntaxError(`Unexpected token in "${OPENAI_KEY.slice(0, 12)}"`),
    });

  it('keeps our code, a scrubbed message, and no cause that quotes upstream text', () => {
    const error = scrubUpstreamError(upstream(null), scrubber) as AdapterError;
    expect(error).toBeInstanceOf(AdapterError);
    expect(error.code).toBe('invalid_request');
    expect(error.message).toBe('Upstream error 400: bad key ***');
    expect(error.upstreamStatus).toBe(400);
    expect(error.retryAfterMs).toBe(1000);
    expect(error.cause).toBeUndefined();
  });

  it('keeps param only when it is a field path the caller sent and holds no key', () => {
    const sent = (field: string) => ['messages', 'max_tokens'].includes(field);
    const param = (value: string | null) =>
      (scrubUpstreamError(upstream(value), scrubber, sent) as AdapterError).param;
    expect(param('max_tokens')).toBe('max_tokens');
    expect(param('messages[0].content[1].image_url.url')).toBe(
      'messages[0].content[1].image_url.url',
    );
    expect(param('messages.0.content')).toBe('messages.0.content');
    // The unprefixed key is a valid identifier: dropped for holding a key, not for its shape.
    expect(param('Kq8f0d2b6a4c9e1f3a5b7c9d1e3f5a7b9')).toBeNull();
    expect(param(OPENAI_KEY)).toBeNull();
    expect(param('temperature')).toBeNull();
    expect(param('messages; DROP')).toBeNull();
    expect(param(`${'a'.repeat(65)}`)).toBeNull();
    expect(param(null)).toBeNull();
  });

  it('keeps the network cause of a transport error', () => {
    const cause = new Error('connect ECONNREFUSED');
    const error = new AdapterError('upstream_connection_failed', 'Could not reach the upstream', {
      cause,
    });
    expect((scrubUpstreamError(error, scrubber) as AdapterError).cause).toBe(cause);
  });
});
