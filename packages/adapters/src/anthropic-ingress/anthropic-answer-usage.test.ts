import { describe, expect, it } from 'vitest';
import { loadChunksJsonl, readFixture } from '../testing/fixtures';
import { createAnthropicStreamMeter, readAnthropicMessageUsage } from './anthropic-answer-usage';

const fixture = (name: string) =>
  new URL(`../providers/anthropic/__fixtures__/${name}`, import.meta.url);
const noPrompt = async () => 0;

/** A buffered answer as Anthropic streams it: input side at message_start, output at message_delta. */
function streamOf(answer: { usage: Record<string, unknown> }) {
  const { output_tokens, ...input } = answer.usage;
  return [
    {
      event: 'message_start',
      data: JSON.stringify({
        type: 'message_start',
        message: { ...answer, content: [], usage: { ...input, output_tokens: 1 } },
      }),
    },
    {
      event: 'content_block_delta',
      data: '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Python"}}',
    },
    {
      event: 'message_delta',
      data: JSON.stringify({
        type: 'message_delta',
        delta: { stop_reason: 'end_turn' },
        usage: { output_tokens },
      }),
    },
    { event: 'message_stop', data: '{"type":"message_stop"}' },
  ];
}

describe('Anthropic answer usage', () => {
  it('bills a buffered answer and the same answer streamed identically, cache reads and writes included', async () => {
    const answer = JSON.parse(readFixture(fixture('messages-cache-usage.json')));
    const buffered = readAnthropicMessageUsage(answer);
    // input_tokens counts only uncached input: 3 + 418 written + 1111 read.
    expect(buffered).toEqual({
      promptTokens: 1532,
      completionTokens: 33,
      cachedTokens: 1111,
      cacheWriteTokens: 418,
    });
    const meter = createAnthropicStreamMeter(noPrompt);
    for (const { event, data } of streamOf(answer)) expect(meter.observe(event, data)).toBe(true);
    expect(await meter.usage()).toEqual(buffered);
    expect(meter.failure).toBeUndefined();
  });

  it('calls a stream unfinished until message_stop (or an error) came', async () => {
    const answer = JSON.parse(readFixture(fixture('messages-cache-usage.json')));
    const events = streamOf(answer);
    const meter = createAnthropicStreamMeter(noPrompt);
    for (const { event, data } of events.slice(0, -1)) meter.observe(event, data);
    expect(meter.unfinished()).toMatch(/before message_stop/);
    meter.observe(events.at(-1)!.event, events.at(-1)!.data);
    expect(meter.unfinished()).toBeUndefined();
    const failed = createAnthropicStreamMeter(noPrompt);
    failed.observe('error', '{"type":"error","error":{"type":"api_error","message":"boom"}}');
    expect(failed.unfinished()).toBeUndefined();
  });

  it('reads the one-hour share of cache writes, streamed and buffered', async () => {
    const answer = {
      usage: {
        input_tokens: 10,
        cache_creation_input_tokens: 500,
        cache_read_input_tokens: 0,
        cache_creation: { ephemeral_5m_input_tokens: 200, ephemeral_1h_input_tokens: 300 },
        output_tokens: 7,
      },
    };
    const buffered = readAnthropicMessageUsage(answer);
    expect(buffered).toMatchObject({
      promptTokens: 510,
      cacheWriteTokens: 500,
      cacheWrite1hTokens: 300,
    });
    const meter = createAnthropicStreamMeter(noPrompt);
    for (const { event, data } of streamOf(answer)) meter.observe(event, data);
    expect(await meter.usage()).toEqual(buffered);
  });

  it('takes the later value when message_delta restates the input side (recorded stream)', async () => {
    const meter = createAnthropicStreamMeter(noPrompt);
    for (const { event, data } of loadChunksJsonl(
      fixture('messages-stream-prompt-cache.chunks.jsonl'),
      'type',
    ))
      meter.observe(event, data);
    expect(await meter.usage()).toEqual({
      promptTokens: 6 + 3337 + 6289,
      completionTokens: 198,
      cachedTokens: 6289,
      cacheWriteTokens: 3337,
    });
  });

  it('bills a stream cut before message_delta at least what it delivered, flagged', async () => {
    const meter = createAnthropicStreamMeter(noPrompt);
    meter.observe(
      'message_start',
      '{"type":"message_start","message":{"usage":{"input_tokens":12,"output_tokens":1}}}',
    );
    for (let i = 0; i < 20; i++)
      meter.observe(
        'content_block_delta',
        '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" word"}}',
      );
    const usage = await meter.usage();
    expect(usage).toMatchObject({ promptTokens: 12, estimated: true });
    expect(usage.completionTokens).toBeGreaterThanOrEqual(20);
  });

  it('notes an error event as the stream failure', async () => {
    const meter = createAnthropicStreamMeter(async () => 5);
    meter.observe(
      'error',
      '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}',
    );
    expect(meter.failure).toBe('Overloaded');
    expect(await meter.usage()).toEqual({ promptTokens: 5, completionTokens: 0, estimated: true });
  });
});
