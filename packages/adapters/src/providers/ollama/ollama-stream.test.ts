import { describe, expect, it } from 'vitest';
import { readStreamMessages } from '../../core/read-stream-messages';
import type { RawStreamMessage } from '../../spec/provider-adapter';
import { chunkAt, readFixture, splitBytes } from '../../testing/fixtures';
import { decodeAll, summarizeEvents } from '../../testing/summarize-events';
import { ollamaAdapter } from './ollama-adapter';

const request = { model: 'llama3.2', messages: [{ role: 'user' as const, content: 'hi' }] };
const bytesOf = (name: string) =>
  new TextEncoder().encode(readFixture(new URL(`./__fixtures__/${name}`, import.meta.url)));

async function decodeBytes(bytes: Uint8Array, offsets: number[]) {
  const messages: RawStreamMessage[] = [];
  for await (const message of readStreamMessages(chunkAt(splitBytes(bytes, offsets)), 'ndjson')) {
    messages.push(message);
  }
  return decodeAll(ollamaAdapter.createStreamDecoder(request), messages);
}

/** Tool call ids are generated per decode; compare everything else. */
const withoutIds = (events: unknown[]) =>
  JSON.parse(JSON.stringify(events).replace(/"call_[\w-]+"/g, '"call"'));

describe('createOllamaStreamDecoder', () => {
  it('decodes the documented text stream: start, text, stop, eval counts', async () => {
    const events = await decodeBytes(bytesOf('api-chat-stream.ndjson'), []);
    expect(events[0]).toEqual({
      type: 'start',
      model: 'llama3.2',
      created: Math.floor(Date.parse('2023-08-04T08:52:19.385406455-07:00') / 1000),
    });
    expect(summarizeEvents(events)).toEqual({
      starts: 1,
      text: 'The',
      reasoning: '',
      toolCalls: [],
      finishes: ['stop'],
      usage: { promptTokens: 26, completionTokens: 282 },
      errors: [],
    });
  });

  it('decodes a whole tool call with a generated id, index 0 and tool_calls finish', async () => {
    const summary = summarizeEvents(await decodeBytes(bytesOf('api-chat-tools-stream.ndjson'), []));
    expect(summary.toolCalls).toEqual([
      {
        index: 0,
        id: expect.stringMatching(/^call_/),
        name: 'get_weather',
        arguments: '{"city":"Tokyo"}',
      },
    ]);
    expect(summary.finishes).toEqual(['tool_calls']);
    expect(summary.usage).toEqual({ promptTokens: 169, completionTokens: 15 });
  });

  it('gives identical events however the bytes are split', async () => {
    for (const name of ['api-chat-stream.ndjson', 'api-chat-tools-stream.ndjson']) {
      const bytes = bytesOf(name);
      const whole = withoutIds(await decodeBytes(bytes, []));
      for (const offsets of [
        [1],
        [50, 51, 52],
        [bytes.indexOf(10)],
        [bytes.length - 1],
        [17, 140, 200],
      ]) {
        expect(withoutIds(await decodeBytes(bytes, offsets))).toEqual(whole);
      }
    }
  });

  it('turns an {"error"} line after HTTP 200 into an error event (errors.md)', async () => {
    const ndjson = [
      '{"model":"gemma4","message":{"role":"assistant","content":" Yes"},"done":false}',
      '{"model":"gemma4","message":{"role":"assistant","content":"."},"done":false}',
      '{"error":"an error was encountered while running the model"}',
      '',
    ].join('\n');
    const events = await decodeBytes(new TextEncoder().encode(ndjson), [30, 90]);
    const summary = summarizeEvents(events);
    expect(summary.text).toBe(' Yes.');
    expect(summary.finishes).toEqual([]);
    expect(events.at(-1)).toMatchObject({
      type: 'error',
      error: {
        code: 'upstream_server_error',
        message: 'Upstream stream error: an error was encountered while running the model',
      },
    });
  });

  it('numbers tool calls across lines and emits thinking as reasoning', () => {
    const decoder = ollamaAdapter.createStreamDecoder(request);
    const line = (body: object) => ({ data: JSON.stringify(body) });
    const call = (name: string) => ({ function: { name, arguments: {} } });
    const events = decodeAll(decoder, [
      line({ message: { content: '', thinking: 'hmm' }, done: false }),
      line({ message: { content: '', tool_calls: [call('a')] }, done: false }),
      line({ message: { content: '', tool_calls: [call('b')] }, done: false }),
    ]);
    const summary = summarizeEvents(events);
    expect(summary.reasoning).toBe('hmm');
    expect(summary.toolCalls.map((c) => [c.index, c.name, c.arguments])).toEqual([
      [0, 'a', '{}'],
      [1, 'b', '{}'],
    ]);
    // The stream was cut before done:true; end() invents no finish.
    expect(summary.finishes).toEqual([]);
  });
});
