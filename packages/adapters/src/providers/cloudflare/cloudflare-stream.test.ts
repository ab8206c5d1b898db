import { describe, expect, it } from 'vitest';
import { readStreamMessages } from '../../core/read-stream-messages';
import type { RawStreamMessage } from '../../spec/provider-adapter';
import { chunkAt, readFixture, splitBytes } from '../../testing/fixtures';
import { decodeAll, summarizeEvents } from '../../testing/summarize-events';
import { cloudflareAdapter } from './cloudflare-adapter';

const request = {
  model: '@cf/meta/llama-3.1-8b-instruct',
  messages: [{ role: 'user' as const, content: 'hi' }],
};
const bytes = new TextEncoder().encode(
  readFixture(new URL('./__fixtures__/run-stream.sse', import.meta.url)),
);

async function decodeBytes(offsets: number[] = []) {
  const messages: RawStreamMessage[] = [];
  for await (const message of readStreamMessages(chunkAt(splitBytes(bytes, offsets)), 'sse')) {
    messages.push(message);
  }
  return decodeAll(cloudflareAdapter.createStreamDecoder(request), messages);
}

describe('createCloudflareStreamDecoder', () => {
  it('decodes run-stream.sse: text, finish at [DONE], then the final usage', async () => {
    const events = await decodeBytes();
    expect(events.map((event) => event.type)).toEqual([
      'start',
      'text-delta',
      'text-delta',
      'text-delta',
      'finish',
      'usage',
    ]);
    expect(summarizeEvents(events)).toMatchObject({
      starts: 1,
      text: 'The capital of France is Paris.',
      finishes: ['stop'],
      usage: { promptTokens: 18, completionTokens: 8 },
      errors: [],
    });
  });

  it('gives identical events however the bytes are split', async () => {
    const whole = await decodeBytes();
    for (const offsets of [[1], [6, 7], [120, 121, 250], [bytes.length - 3]]) {
      expect(await decodeBytes(offsets)).toEqual(whole);
    }
  });

  it('emits whole tool calls with indices in order and finishes with tool_calls', () => {
    const decoder = cloudflareAdapter.createStreamDecoder(request);
    const events = decodeAll(decoder, [
      {
        data: '{"response":"","tool_calls":[{"name":"a","arguments":{"x":1}},{"name":"b","arguments":{}}]}',
      },
      { data: '[DONE]' },
    ]);
    const summary = summarizeEvents(events);
    expect(summary.toolCalls.map((call) => [call.index, call.name, call.arguments])).toEqual([
      [0, 'a', '{"x":1}'],
      [1, 'b', '{}'],
    ]);
    expect(summary.finishes).toEqual(['tool_calls']);
  });

  it('invents no finish for a stream cut before [DONE], but flushes its usage', () => {
    const decoder = cloudflareAdapter.createStreamDecoder(request);
    decoder.decode({ data: '{"response":"Hi"}' });
    decoder.decode({ data: '{"response":"","usage":{"prompt_tokens":3,"completion_tokens":1}}' });
    expect(decoder.end()).toEqual([
      { type: 'usage', usage: { promptTokens: 3, completionTokens: 1 } },
    ]);
  });

  it('turns an error payload inside the stream into an error event', () => {
    const decoder = cloudflareAdapter.createStreamDecoder(request);
    const [event] = decoder.decode({
      data: '{"success":false,"errors":[{"code":3040,"message":"Out of capacity"}]}',
    });
    expect(event).toMatchObject({ type: 'error', error: { code: 'overloaded' } });
    const [bad] = cloudflareAdapter.createStreamDecoder(request).decode({ data: '{"response":' });
    expect(bad).toMatchObject({ type: 'error', error: { code: 'upstream_bad_response' } });
  });
});
