import { describe, expect, it } from 'vitest';
import { readStreamMessages } from '../../core/read-stream-messages';
import { chunkAt, loadChunksJsonl, splitBytes } from '../../testing/fixtures';
import { decodeAll, summarizeEvents } from '../../testing/summarize-events';
import { cohereAdapter } from './cohere-adapter';

const request = {
  model: 'command-a-03-2025',
  messages: [{ role: 'user' as const, content: 'hi' }],
};
const chunks = (name: string) =>
  loadChunksJsonl(new URL(`./__fixtures__/${name}`, import.meta.url));
const decode = (name: string) =>
  decodeAll(cohereAdapter.createStreamDecoder(request), chunks(name));

describe('createCohereStreamDecoder', () => {
  it('decodes a text stream: one start with the id, text, COMPLETE and tokens usage', () => {
    const events = decode('chat-v2-stream-text.chunks.jsonl');
    expect(events[0]).toEqual({
      type: 'start',
      id: '321d178c-2c12-44d3-ae42-2f5510f6b1cc',
      model: 'command-a-03-2025',
    });
    expect(summarizeEvents(events)).toEqual({
      starts: 1,
      text: 'The capital of France is Paris.',
      reasoning: '',
      toolCalls: [],
      finishes: ['stop'],
      usage: { promptTokens: 507, completionTokens: 10, cachedTokens: 448 },
      errors: [],
    });
  });

  it('decodes thinking content as reasoning before the text', () => {
    const events = decode('chat-v2-stream-reasoning.chunks.jsonl');
    const summary = summarizeEvents(events);
    expect(summary.reasoning).toMatch(/^The user is asking for the sum of 2 and 2\..*directly\.$/);
    expect(summary.text).toBe('The answer to 2 + 2 is 4.');
    const firstText = events.findIndex((event) => event.type === 'text-delta');
    const lastReasoning = events.findLastIndex((event) => event.type === 'reasoning-delta');
    expect(lastReasoning).toBeLessThan(firstText);
    expect(summary.usage).toEqual({ promptTokens: 1394, completionTokens: 54, cachedTokens: 1360 });
  });

  it('decodes tool-plan as reasoning and two tool calls with indices 0 and 1', () => {
    const summary = summarizeEvents(decode('chat-v2-stream-tool-call.chunks.jsonl'));
    expect(summary.reasoning).toBe(
      'I will use the weather tool to find the weather in San Francisco and the cityAttractions tool to find attractions in San Francisco.',
    );
    expect(summary.text).toBe('');
    expect(summary.toolCalls).toEqual([
      {
        index: 0,
        id: 'weather_e8p4pn45zt0t',
        name: 'weather',
        arguments: '{"location": "San Francisco"}',
      },
      {
        index: 1,
        id: 'cityAttractions_pyxssbwnq9fq',
        name: 'cityAttractions',
        arguments: '{"city": "San Francisco"}',
      },
    ]);
    expect(summary.finishes).toEqual(['tool_calls']);
    expect(summary.usage).toEqual({ promptTokens: 1549, completionTokens: 95, cachedTokens: 1504 });
  });

  it('gives the same events from SSE bytes split at awkward offsets', async () => {
    const messages = chunks('chat-v2-stream-tool-call.chunks.jsonl');
    const sse = messages
      .map((message) => `event: ${JSON.parse(message.data).type}\ndata: ${message.data}\n\n`)
      .join('');
    const bytes = new TextEncoder().encode(sse);
    const expected = summarizeEvents(
      decodeAll(cohereAdapter.createStreamDecoder(request), messages),
    );
    for (const offsets of [[1], [7, 8, 9], [100, 1000, 2000], [bytes.length - 1]]) {
      const framed = [];
      for await (const message of readStreamMessages(chunkAt(splitBytes(bytes, offsets)), 'sse')) {
        framed.push(message);
      }
      const events = decodeAll(cohereAdapter.createStreamDecoder(request), framed);
      expect(summarizeEvents(events)).toEqual(expected);
    }
  });

  it('turns a message-end with finish_reason ERROR into an error event, not a finish', () => {
    const decoder = cohereAdapter.createStreamDecoder(request);
    const events = decoder.decode({
      data: JSON.stringify({
        type: 'message-end',
        delta: { finish_reason: 'ERROR', error: 'boom' },
      }),
    });
    expect(events.map((event) => event.type)).toEqual(['start', 'error']);
    expect(summarizeEvents(events).errors[0]).toMatchObject({
      code: 'upstream_server_error',
      message: expect.stringContaining('boom'),
    });
  });

  it('reports malformed JSON as an error event and ignores citation events', () => {
    const decoder = cohereAdapter.createStreamDecoder(request);
    expect(decoder.decode({ data: '{"type":"citation-start","index":0}' })).toEqual([]);
    const [event] = decoder.decode({ data: '{"type":"content-delta",' });
    expect(event).toMatchObject({ type: 'error', error: { code: 'upstream_bad_response' } });
  });

  it('invents nothing at end() for a stream cut before message-end', () => {
    const decoder = cohereAdapter.createStreamDecoder(request);
    decodeAll(decoder, chunks('chat-v2-stream-text.chunks.jsonl').slice(0, 4));
    expect(decoder.end()).toEqual([]);
  });
});
