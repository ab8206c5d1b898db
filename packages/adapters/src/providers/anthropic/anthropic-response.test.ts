import { describe, expect, it } from 'vitest';
import { collectStream } from '../../core/collect-stream';
import { readStreamMessages } from '../../core/read-stream-messages';
import type { RawStreamMessage } from '../../spec/provider-adapter';
import { chunkAt, loadChunksJsonl, readFixture, splitBytes } from '../../testing/fixtures';
import { anthropicAdapter } from './anthropic-adapter';

const fixture = (name: string) => new URL(`./__fixtures__/${name}`, import.meta.url);
const json = (name: string) => JSON.parse(readFixture(fixture(name)));

async function messagesOf(name: string, cuts: number[] = []): Promise<RawStreamMessage[]> {
  if (name.endsWith('.jsonl')) return loadChunksJsonl(fixture(name), 'type');
  const bytes = new TextEncoder().encode(readFixture(fixture(name)));
  const messages: RawStreamMessage[] = [];
  for await (const message of readStreamMessages(chunkAt(splitBytes(bytes, cuts)), 'sse')) {
    messages.push(message);
  }
  return messages;
}

async function decode(name: string, cuts: number[] = []) {
  const decoder = anthropicAdapter.createStreamDecoder({ model: 'm', messages: [] });
  const events = (await messagesOf(name, cuts)).flatMap((message) => decoder.decode(message));
  return { events, ...(await collectStream([...events, ...decoder.end()], 'm')) };
}

describe('Anthropic responses', () => {
  it('parses a text message with usage that counts cached input', () => {
    const completion = anthropicAdapter.parseChatResponse(json('messages-text.json'), {
      model: 'm',
      messages: [],
    });
    expect(completion.choices[0]).toMatchObject({
      finish_reason: 'stop',
      message: { role: 'assistant', content: expect.stringMatching(/^Hello! I'm doing well/) },
    });
    expect(completion.usage).toEqual({
      prompt_tokens: 12,
      completion_tokens: 29,
      total_tokens: 41,
      prompt_tokens_details: { cached_tokens: 0 },
    });
  });

  it('parses tool_use blocks as tool calls, including empty input', () => {
    const completion = anthropicAdapter.parseChatResponse(json('messages-tool-use.json'), {
      model: 'm',
      messages: [],
    });
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
    const call = completion.choices[0]?.message.tool_calls?.[0];
    expect(call?.id).toMatch(/^toolu_/);
    expect(JSON.parse(call!.function.arguments)).toBeTypeOf('object');
    const noArgs = anthropicAdapter.parseChatResponse(json('messages-tool-no-args.json'), {
      model: 'm',
      messages: [],
    });
    expect(noArgs.choices[0]?.message.tool_calls?.[0]?.function.arguments).toBe('{}');
  });

  it('maps a refusal to content_filter', () => {
    const completion = anthropicAdapter.parseChatResponse(json('messages-refusal.json'), {
      model: 'm',
      messages: [],
    });
    expect(completion.choices[0]?.finish_reason).toBe('content_filter');
  });
});

describe('Anthropic streams', () => {
  it('decodes a text stream with ping events and final usage', async () => {
    const { completion, usage } = await decode('messages-stream-text.sse');
    const expected = readFixture(fixture('messages-stream-text.sse'))
      .split('\n')
      .filter((line) => line.startsWith('data:') && line.includes('text_delta'))
      .map((line) => JSON.parse(line.slice(5)).delta.text)
      .join('');
    expect(completion.choices[0]?.message.content).toBe(expected);
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(usage?.completionTokens).toBeGreaterThan(0);
  });

  it('decodes tool_use input_json_delta fragments into one tool call', async () => {
    const { completion, events } = await decode('messages-stream-tool-use.sse');
    const call = completion.choices[0]?.message.tool_calls?.[0];
    expect(call).toMatchObject({
      id: 'toolu_01NRLabsLyVHZPKxbKvkfSMn',
      function: { name: 'get_weather' },
    });
    expect(JSON.parse(call!.function.arguments)).toMatchObject({
      location: expect.stringContaining('Paris'),
    });
    expect(completion.choices[0]?.message.content).toBe(
      "I'll check the current weather in Paris for you.",
    );
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
    expect(events.filter((event) => event.type === 'tool-call-start')).toHaveLength(1);
  });

  it('parses the same however the SSE bytes are split', async () => {
    const whole = await decode('messages-stream-tool-use.sse');
    const length = readFixture(fixture('messages-stream-tool-use.sse')).length;
    for (const cuts of [
      [1],
      [7, 8, 9],
      Array.from({ length: 60 }, (_, i) => i * 37),
      [length - 2],
    ]) {
      expect((await decode('messages-stream-tool-use.sse', cuts)).events).toEqual(whole.events);
    }
  });

  it('separates thinking from text, keeps the signature, and tolerates padded data lines', async () => {
    const thinking = await decode('messages-stream-thinking.chunks.jsonl');
    expect(thinking.completion.choices[0]?.message.reasoning_content?.length).toBeGreaterThan(10);
    expect(thinking.events.some((event) => event.type === 'reasoning-signature')).toBe(true);
    const refusal = await decode('messages-stream-thinking-refusal.sse');
    expect(refusal.completion.choices[0]?.finish_reason).toBe('content_filter');
    expect(refusal.completion.choices[0]?.message.reasoning_content).toBeTruthy();
  });

  it('takes the later input_tokens from message_delta and counts cache reads and writes', async () => {
    const restated = await decode('messages-stream-message-delta-input-tokens.chunks.jsonl');
    const lines = readFixture(fixture('messages-stream-message-delta-input-tokens.chunks.jsonl'))
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    const finalInput = lines.find((event) => event.type === 'message_delta').usage.input_tokens;
    expect(restated.usage?.promptTokens).toBeGreaterThanOrEqual(finalInput);
    const cached = await decode('messages-stream-prompt-cache.chunks.jsonl');
    expect(
      (cached.usage?.cachedTokens ?? 0) + (cached.usage?.cacheWriteTokens ?? 0),
    ).toBeGreaterThan(0);
  });

  it('ignores a repeated message_start and handles a tool call with no arguments', async () => {
    const duplicate = await decode('messages-stream-duplicate-message-start.chunks.jsonl');
    expect(duplicate.events.filter((event) => event.type === 'start')).toHaveLength(1);
    const noArgs = await decode('messages-stream-tool-no-args.chunks.jsonl');
    expect(noArgs.completion.choices[0]?.message.tool_calls?.[0]?.function.arguments).toBe('');
  });

  it('keeps the fragments of a tool call cut off by max_tokens', async () => {
    const { completion } = await decode('messages-stream-partial-json-incomplete.sse');
    expect(completion.choices[0]?.finish_reason).toBe('length');
    expect(
      completion.choices[0]?.message.tool_calls?.[0]?.function.arguments.length,
    ).toBeGreaterThan(0);
  });

  it('ends a stream that closed cleanly before message_stop with an interruption', async () => {
    const messages = await messagesOf('messages-stream-text.sse');
    const decoder = anthropicAdapter.createStreamDecoder({ model: 'm', messages: [] });
    // Everything up to and including message_delta: the usage came, message_stop did not.
    for (const message of messages.slice(0, -1)) decoder.decode(message);
    const [cut] = decoder.end();
    expect(cut?.type === 'error' && cut.error.code).toBe('upstream_stream_interrupted');
    // The whole stream ends with nothing more.
    const whole = anthropicAdapter.createStreamDecoder({ model: 'm', messages: [] });
    for (const message of messages) whole.decode(message);
    expect(whole.end()).toEqual([]);
  });

  it('turns an error event into an error that can be retried', () => {
    const decoder = anthropicAdapter.createStreamDecoder({ model: 'm', messages: [] });
    const [event] = decoder.decode({
      event: 'error',
      data: '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}',
    });
    expect(event?.type === 'error' && [event.error.code, event.error.retryable]).toEqual([
      'overloaded',
      true,
    ]);
  });
});

describe('Anthropic errors', () => {
  const parse = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    anthropicAdapter.parseError({
      status,
      headers: new Headers(headers),
      body: JSON.stringify(body),
    });

  it.each([
    [401, 'authentication_error', 'invalid x-api-key', 'upstream_auth_failed', 'key_fatal'],
    [
      400,
      'invalid_request_error',
      'Your credit balance is too low',
      'upstream_quota_exhausted',
      'key_fatal',
    ],
    [
      400,
      'invalid_request_error',
      'prompt is too long: 210000 tokens',
      'context_length_exceeded',
      'client',
    ],
    [429, 'rate_limit_error', 'slow down', 'rate_limited', 'retryable'],
    [529, 'overloaded_error', 'Overloaded', 'overloaded', 'retryable'],
    [404, 'not_found_error', 'model: claude-x', 'model_not_found', 'client'],
  ])('HTTP %i %s (%s) -> %s', (status, type, message, code, kind) => {
    const error = parse(status, { type: 'error', error: { type, message } });
    expect([error.code, error.kind]).toEqual([code, kind]);
    expect(error.message).toContain(message);
  });

  it('reads Retry-After for rate limits', () => {
    const error = parse(
      429,
      { type: 'error', error: { type: 'rate_limit_error', message: 'x' } },
      { 'retry-after': '7' },
    );
    expect(error.retryAfterMs).toBe(7000);
  });
});
