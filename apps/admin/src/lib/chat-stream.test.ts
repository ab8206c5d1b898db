import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type ChatStreamEvent, readChatStream, toChatEvents } from './chat-stream';

const RECORDED = readFileSync(
  new URL('./__fixtures__/openai-chat-stream-include-usage.sse', import.meta.url),
);

/** A response body that arrives in pieces of `size` bytes (splitting UTF-8 characters too). */
function bodyOf(bytes: Uint8Array, size: number): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at + size));
      at += size;
    },
  });
}

async function collect(body: ReadableStream<Uint8Array>): Promise<ChatStreamEvent[]> {
  const events: ChatStreamEvent[] = [];
  for await (const event of readChatStream(body)) events.push(event);
  return events;
}

const textOf = (events: ChatStreamEvent[]) =>
  events.map((event) => (event.type === 'delta' ? event.text : '')).join('');

describe('readChatStream', () => {
  it('reads a recorded OpenAI stream: text, usage, then done', async () => {
    for (const size of [RECORDED.length, 64, 7, 1]) {
      const events = await collect(bodyOf(RECORDED, size));
      expect(textOf(events)).toBe('{"city":"San Francisco","units":"c"}');
      expect(events.at(-2)).toEqual({
        type: 'usage',
        usage: { promptTokens: 17, completionTokens: 10, totalTokens: 27 },
      });
      expect(events.at(-1)).toEqual({ type: 'done' });
    }
  });

  it('names the model that answered, from the chunks', async () => {
    const events = await collect(bodyOf(RECORDED, 64));
    expect(events[0]).toEqual({ type: 'model', model: 'gpt-4o-2024-08-06' });
  });

  it('skips keep-alive comments, keeps multi-byte text whole and stops at [DONE]', async () => {
    const chunk = (content: string) =>
      `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content } }] })}\n\n`;
    const text = `: keep-alive\n\n${chunk('héllo ')}: keep-alive\n\n${chunk('<b>wörld</b>')}data: [DONE]\n\n${chunk('after')}`;
    const events = await collect(bodyOf(new TextEncoder().encode(text), 3));
    expect(events).toEqual([
      { type: 'delta', text: 'héllo ' },
      { type: 'delta', text: '<b>wörld</b>' },
      { type: 'done' },
    ]);
  });

  it('surfaces the gateway’s error frame and stops there', async () => {
    const text = `${'data: {"choices":[{"index":0,"delta":{"content":"Hi"}}]}\n\n'}data: {"error":{"message":"upstream timed out","type":"upstream_error"}}\n\n`;
    expect(await collect(bodyOf(new TextEncoder().encode(text), 10))).toEqual([
      { type: 'delta', text: 'Hi' },
      { type: 'error', message: 'upstream timed out' },
    ]);
  });

  it('ends with an error when the stream stops before [DONE]', async () => {
    const text = 'data: {"choices":[{"index":0,"delta":{"content":"Hi"}}]}\n\n';
    const events = await collect(bodyOf(new TextEncoder().encode(text), 5));
    expect(events.at(-1)).toEqual({
      type: 'error',
      message: 'The stream ended before it was complete',
    });
  });
});

describe('toChatEvents', () => {
  it('reads an `event: error` frame and refuses frames that are not JSON', () => {
    expect(toChatEvents({ event: 'error', data: '{"message":"quota exhausted"}' })).toEqual([
      { type: 'error', message: 'quota exhausted' },
    ]);
    expect(toChatEvents({ event: 'message', data: '<html>' })[0]?.type).toBe('error');
    expect(toChatEvents({ event: 'message', data: '[1]' })[0]?.type).toBe('error');
  });

  it('ignores fields of the wrong type and other choices', () => {
    expect(
      toChatEvents({
        event: 'message',
        data: JSON.stringify({
          choices: [
            { index: 1, delta: { content: 'other' } },
            { index: 0, delta: { content: 7 } },
          ],
          usage: { prompt_tokens: 'x', completion_tokens: 2 },
        }),
      }),
    ).toEqual([{ type: 'usage', usage: { promptTokens: 0, completionTokens: 2, totalTokens: 0 } }]);
  });
});
