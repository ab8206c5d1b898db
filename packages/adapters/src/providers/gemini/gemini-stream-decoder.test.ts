import { describe, expect, it } from 'vitest';
import { readStreamMessages } from '../../core/read-stream-messages';
import { chatRequestSchema } from '../../spec/openai-chat-request';
import type { RawStreamMessage } from '../../spec/provider-adapter';
import { chunkAt, loadChunksJsonl, readFixture, splitBytes } from '../../testing/fixtures';
import { createGeminiStreamDecoder } from './gemini-stream-decoder';
import {
  decodeAll,
  readRecording,
  recordedStreamMessages,
  summarize,
} from './testing/gemini-test-support';

const fixture = (name: string) => new URL(`./__fixtures__/${name}`, import.meta.url);
const request = chatRequestSchema.parse({
  model: 'requested-model',
  stream: true,
  messages: [{ role: 'user', content: 'x' }],
});
const decode = (messages: Iterable<RawStreamMessage>) =>
  decodeAll(createGeminiStreamDecoder(request), messages);

describe('gemini stream decoder: fixtures', () => {
  it('streams text, emits start and finish once, and the final usage (stream-text)', () => {
    const events = decode(loadChunksJsonl(fixture('stream-text.chunks.jsonl')));
    const summary = summarize(events);
    expect(events[0]).toEqual({
      type: 'start',
      id: 'bH6LaZW8Fp_3nsEPqtaSwQ4',
      model: 'gemini-3-pro-preview',
    });
    expect(summary.starts).toBe(1);
    expect(summary.text).toBe('There are **3** "r"s in strawberry.\n\nst**r**awbe**rr**y');
    expect(summary.finishes).toEqual([{ type: 'finish', choice: 0, reason: 'stop' }]);
    expect(summary.lastUsage).toEqual({
      promptTokens: 9,
      completionTokens: 23 + 185,
      reasoningTokens: 185,
    });
    // Usage is emitted once, with the finish, and not again at the end.
    expect(events.filter((event) => event.type === 'usage')).toHaveLength(1);
    expect(events.at(-1)?.type).toBe('usage');
  });

  it('counts hidden thinking in the usage of a reasoning model (stream-reasoning)', () => {
    const summary = summarize(decode(loadChunksJsonl(fixture('stream-reasoning.chunks.jsonl'))));
    expect(summary.text).toBe(
      'There are **3** "r"s in strawberry.\n\nHere is the breakdown: st**r**awbe**rr**y.',
    );
    expect(summary.reasoning).toBe('');
    expect(summary.lastUsage).toEqual({
      promptTokens: 9,
      completionTokens: 29 + 256,
      reasoningTokens: 256,
    });
  });

  it('emits a whole function call as start + one delta and finishes with tool_calls (stream-function-call)', () => {
    const events = decode(loadChunksJsonl(fixture('stream-function-call.chunks.jsonl')));
    const summary = summarize(events);
    expect(summary.toolCalls).toEqual([
      {
        index: 0,
        id: expect.stringMatching(/^call_/),
        name: 'weather',
        arguments: '{"location":"San Francisco"}',
      },
    ]);
    expect(events.filter((event) => event.type === 'tool-call-delta')).toHaveLength(1);
    expect(summary.text).toBe('');
    expect(summary.finishes).toEqual([{ type: 'finish', choice: 0, reason: 'tool_calls' }]);
    expect(summary.lastUsage).toMatchObject({ promptTokens: 29, completionTokens: 15 + 45 });
  });

  it('decodes a recorded SSE text stream (recording-streamGenerateContent-systemInstruction)', () => {
    const [interaction] = readRecording(
      fixture('recording-streamGenerateContent-systemInstruction.json'),
    );
    const summary = summarize(decode(recordedStreamMessages(interaction!)));
    expect(summary.text).toMatch(/^low!\n\nThe sky is blue primarily/);
    expect(summary.text).toMatch(/ rather than violet\.$/);
    expect(summary.finishes.map((finish) => finish.reason)).toEqual(['stop']);
    expect(summary.lastUsage).toEqual({
      promptTokens: 20,
      completionTokens: 253 + 260,
      reasoningTokens: 260,
    });
  });

  it('numbers tool calls from 0 in every stream (recording-function-calling-stream)', () => {
    for (const interaction of readRecording(fixture('recording-function-calling-stream.json'))) {
      const summary = summarize(decode(recordedStreamMessages(interaction)));
      expect(summary.toolCalls).toHaveLength(1);
      expect(summary.toolCalls[0]).toMatchObject({ index: 0, name: 'customDivide' });
      expect(JSON.parse(summary.toolCalls[0]!.arguments)).toHaveProperty('denominator', 2);
      expect(summary.finishes.map((finish) => finish.reason)).toEqual(['tool_calls']);
    }
  });

  it('ends with an error event when the body is a Google error (recording-error-404-stream)', () => {
    const [interaction] = readRecording(fixture('recording-error-404-stream.json'));
    const events = decode(recordedStreamMessages(interaction!));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'error',
      error: { code: 'model_not_found', upstreamStatus: 404 },
    });
  });
});

describe('gemini stream decoder: prompt blocked (stream-prompt-blocked.sse)', () => {
  const bytes = new TextEncoder().encode(readFixture(fixture('stream-prompt-blocked.sse')));
  const decodeSplit = async (offsets: number[]) => {
    const messages: RawStreamMessage[] = [];
    for await (const message of readStreamMessages(chunkAt(splitBytes(bytes, offsets)), 'sse')) {
      messages.push(message);
    }
    return decode(messages);
  };

  it('finishes with content_filter and usage, however the bytes were split', async () => {
    const whole = await decodeSplit([]);
    expect(whole).toEqual([
      { type: 'start', model: 'requested-model' },
      { type: 'finish', choice: 0, reason: 'content_filter' },
      { type: 'usage', usage: { promptTokens: 13, completionTokens: 0 } },
    ]);
    for (const offsets of [[1], [5, 6], [40], [bytes.length - 2], [3, 17, 60, 100, 121]]) {
      expect(await decodeSplit(offsets)).toEqual(whole);
    }
  });
});

describe('gemini stream decoder: edge cases', () => {
  const chunk = (value: unknown): RawStreamMessage => ({ data: JSON.stringify(value) });

  it('streams thought parts as reasoning deltas', () => {
    const summary = summarize(
      decode([
        chunk({ candidates: [{ content: { parts: [{ text: 'Let me think', thought: true }] } }] }),
        chunk({ candidates: [{ content: { parts: [{ text: 'Answer' }] }, finishReason: 'STOP' }] }),
      ]),
    );
    expect(summary.reasoning).toBe('Let me think');
    expect(summary.text).toBe('Answer');
  });

  it('keeps tool-call indices per choice and finishes each choice', () => {
    const events = decode([
      chunk({
        candidates: [
          { index: 0, content: { parts: [{ functionCall: { name: 'a', args: {} } }] } },
          { index: 1, content: { parts: [{ text: 'hi' }] } },
        ],
      }),
      chunk({
        candidates: [
          {
            index: 0,
            content: { parts: [{ functionCall: { name: 'b', args: { n: 1 } } }] },
            finishReason: 'STOP',
          },
          { index: 1, content: { parts: [] }, finishReason: 'MAX_TOKENS' },
        ],
      }),
    ]);
    const starts = events.filter((event) => event.type === 'tool-call-start');
    expect(starts.map((event) => [event.choice, event.index, event.name])).toEqual([
      [0, 0, 'a'],
      [0, 1, 'b'],
    ]);
    expect(events.filter((event) => event.type === 'finish')).toEqual([
      { type: 'finish', choice: 0, reason: 'tool_calls' },
      { type: 'finish', choice: 1, reason: 'length' },
    ]);
  });

  it('emits usage again at the end when it changed after the finish', () => {
    const events = decode([
      chunk({
        candidates: [{ content: { parts: [{ text: 'a' }] }, finishReason: 'STOP' }],
        usageMetadata: { promptTokenCount: 1, candidatesTokenCount: 1 },
      }),
      chunk({ usageMetadata: { promptTokenCount: 1, candidatesTokenCount: 2 } }),
    ]);
    const usages = events.filter((event) => event.type === 'usage');
    expect(usages.map((event) => event.usage.completionTokens)).toEqual([1, 2]);
  });

  it('reports a stream that closes without a finishReason', () => {
    const events = decode([chunk({ candidates: [{ content: { parts: [{ text: 'cut' }] } }] })]);
    expect(events.at(-1)).toMatchObject({
      type: 'error',
      error: { code: 'upstream_bad_response' },
    });
  });

  it('reports invalid JSON once and ignores what follows', () => {
    const decoder = createGeminiStreamDecoder(request);
    expect(decoder.decode({ data: '{"candidates":' })).toMatchObject([
      { type: 'error', error: { code: 'upstream_bad_response' } },
    ]);
    expect(decoder.decode(chunk({ candidates: [] }))).toEqual([]);
    expect(decoder.end()).toEqual([]);
  });

  it('maps a rate-limit error inside the stream with its retry delay', () => {
    const events = decode([
      chunk({
        error: {
          code: 429,
          status: 'RESOURCE_EXHAUSTED',
          message: 'slow down',
          details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '2s' }],
        },
      }),
    ]);
    expect(events).toMatchObject([
      { type: 'error', error: { code: 'rate_limited', retryAfterMs: 2000 } },
    ]);
  });
});
