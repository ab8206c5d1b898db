import { describe, expect, it } from 'vitest';
import { readStreamMessages } from '../../core/read-stream-messages';
import type { RawStreamMessage } from '../../spec/provider-adapter';
import { chunkAt, readFixture, splitBytes } from '../../testing/fixtures';
import { decodeAll, summarizeEvents } from '../../testing/summarize-events';
import { dashscopeAdapter } from './dashscope-adapter';

const request = { model: 'qwen3-max', messages: [{ role: 'user' as const, content: 'hi' }] };
const bytesOf = (name: string) =>
  new TextEncoder().encode(readFixture(new URL(`./__fixtures__/${name}`, import.meta.url)));

async function decodeBytes(bytes: Uint8Array, offsets: number[] = []) {
  const messages: RawStreamMessage[] = [];
  for await (const message of readStreamMessages(chunkAt(splitBytes(bytes, offsets)), 'sse')) {
    messages.push(message);
  }
  return decodeAll(dashscopeAdapter.createStreamDecoder(request), messages);
}

describe('createDashScopeStreamDecoder', () => {
  it('decodes the documented thinking stream: reasoning, "null" ignored, last usage wins', async () => {
    const events = await decodeBytes(bytesOf('native-stream-thinking.sse'));
    expect(events[0]).toEqual({
      type: 'start',
      id: 'a1959ad1-2637-4672-a21f-4d351371d254',
      model: 'qwen3-max',
    });
    expect(summarizeEvents(events)).toEqual({
      starts: 1,
      text: '',
      reasoning: 'The user is asking',
      toolCalls: [],
      finishes: ['stop'],
      usage: { promptTokens: 734, completionTokens: 263, reasoningTokens: 171 },
      errors: [],
    });
    // Usage is held until the finish instead of repeating on every event.
    expect(events.filter((event) => event.type === 'usage')).toHaveLength(1);
  });

  it('decodes a tool call: id kept despite id:"" continuations, empty trailing delta skipped', async () => {
    const events = await decodeBytes(bytesOf('native-stream-tool-call.sse'));
    const summary = summarizeEvents(events);
    expect(summary.toolCalls).toEqual([
      {
        index: 0,
        id: 'call_eee11723464a4b9eb8cee71d',
        name: 'weather',
        arguments: '{"location": "San Francisco"}',
      },
    ]);
    expect(events.filter((event) => event.type === 'tool-call-delta')).toHaveLength(2);
    expect(summary.finishes).toEqual(['tool_calls']);
    expect(summary.usage).toEqual({ promptTokens: 295, completionTokens: 22 });
  });

  it('emits only new text when events repeat everything so far (no incremental_output)', async () => {
    const events = await decodeBytes(bytesOf('native-stream-full-output.sse'));
    const summary = summarizeEvents(events);
    expect(summary.reasoning).toBe('The user is asking');
    expect(summary.text).toBe('123**21 is a 44-digit number.');
    expect(
      events.filter((event) => event.type === 'text-delta').map((event) => event.text),
    ).toEqual(['123**21 is', ' a 44-digit number.']);
  });

  it('gives identical events however the SSE bytes are split', async () => {
    for (const name of ['native-stream-thinking.sse', 'native-stream-tool-call.sse']) {
      const bytes = bytesOf(name);
      const whole = await decodeBytes(bytes);
      const colon = bytes.indexOf(58);
      for (const offsets of [[1], [colon, colon + 1], [5, 17, 18, 40, 300], [bytes.length - 2]]) {
        expect(await decodeBytes(bytes, offsets)).toEqual(whole);
      }
    }
  });

  it('turns an event:error into an error event with the mapped code', () => {
    const decoder = dashscopeAdapter.createStreamDecoder(request);
    const [event] = decoder.decode({
      event: 'error',
      data: '{"code":"DataInspectionFailed","message":"Output data may contain inappropriate content.","request_id":"r"}',
    });
    expect(event).toMatchObject({
      type: 'error',
      error: { code: 'content_filter', message: expect.stringContaining('DataInspectionFailed') },
    });
  });

  it('flushes held usage at end() when the stream stops before a finish, inventing no finish', () => {
    const decoder = dashscopeAdapter.createStreamDecoder(request);
    const data = JSON.stringify({
      output: { choices: [{ message: { content: 'Hel' }, finish_reason: 'null' }] },
      usage: { input_tokens: 5, output_tokens: 1 },
    });
    expect(decoder.decode({ data }).map((event) => event.type)).toEqual(['start', 'text-delta']);
    expect(decoder.end()).toEqual([
      { type: 'usage', usage: { promptTokens: 5, completionTokens: 1 } },
    ]);
  });
});
