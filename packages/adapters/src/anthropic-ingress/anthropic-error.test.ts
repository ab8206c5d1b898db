import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openaiAdapter } from '../providers/openai/openai-adapter';
import { AdapterError } from '../spec/adapter-error';
import { toAnthropicError } from './anthropic-error';

const openAIRefusal = readFileSync(
  new URL(
    '../providers/openai/__fixtures__/error-400-context-length-exceeded.json',
    import.meta.url,
  ),
  'utf8',
);

describe("toAnthropicError: a context-length refusal in Anthropic's words", () => {
  it("words OpenAI's recorded refusal as Anthropic's, with its counts", () => {
    const error = openaiAdapter.parseError({
      status: 400,
      headers: new Headers({ 'content-type': 'application/json' }),
      body: openAIRefusal,
    });
    expect(toAnthropicError(error)).toEqual({
      type: 'error',
      error: {
        type: 'invalid_request_error',
        message: 'prompt is too long: 4294 tokens > 4097 maximum',
      },
    });
  });

  it.each([
    [
      'Upstream error 400: The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).',
      'prompt is too long: 1200000 tokens > 1048576 maximum',
    ],
    [
      'Upstream error 400: prompt is too long: 215000 tokens > 200000 maximum',
      'prompt is too long: 215000 tokens > 200000 maximum',
    ],
    [
      'Upstream error 400: Input is too long for requested model.',
      'prompt is too long (Upstream error 400: Input is too long for requested model.)',
    ],
  ])('words %j as %j', (message, expected) => {
    const error = new AdapterError('context_length_exceeded', message);
    expect(toAnthropicError(error).error.message).toBe(expected);
  });

  it('leaves every other refusal in the provider’s words', () => {
    const error = new AdapterError(
      'invalid_request',
      'Upstream error 400: max_tokens is too large',
    );
    expect(toAnthropicError(error).error.message).toBe(
      'Upstream error 400: max_tokens is too large',
    );
  });
});
