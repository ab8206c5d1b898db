import { describe, expect, it } from 'vitest';
import { AdapterError } from '../spec/adapter-error';
import type { StreamEvent } from '../spec/stream-event';
import { loadChunksJsonl, readFixture } from '../testing/fixtures';
import { createResponsesEventEncoder } from './responses-event-encoder';
import { readResponsesToolNames } from './responses-tool-names';

const fixture = (name: string) => new URL(`./__fixtures__/${name}`, import.meta.url);

type Frame = { type: string; response?: never; [field: string]: unknown };

function encodeAll(events: StreamEvent[], tools: unknown[] = []): Frame[] {
  const encoder = createResponsesEventEncoder({
    model: 'gpt-test',
    names: readResponsesToolNames(tools as never),
  });
  const body = [...events.flatMap((event) => encoder.encode(event)), ...encoder.end()].join('');
  return body
    .split('\n\n')
    .filter(Boolean)
    .map((block) => {
      const [eventLine, dataLine] = block.split('\n');
      const frame = JSON.parse(dataLine!.slice('data: '.length)) as Frame;
      // The SSE event name is the payload's type, as in OpenAI's streams.
      expect(eventLine).toBe(`event: ${frame.type}`);
      return frame;
    });
}

/** Event types in order, a run of deltas written once (chunking differs between sources). */
const shape = (types: string[]) => types.filter((type, i) => type !== types[i - 1]);

const recordedTypes = (sse: string) =>
  shape([...sse.matchAll(/^event: (\S+)$/gm)].map((match) => match[1]!));

describe('createResponsesEventEncoder', () => {
  it('writes a tool call in the order of the recorded OpenAI stream', () => {
    const frames = encodeAll([
      { type: 'start', id: 'chatcmpl-1', model: 'upstream' },
      { type: 'tool-call-start', choice: 0, index: 0, id: 'call_kL0', name: 'get_capital' },
      { type: 'tool-call-delta', choice: 0, index: 0, argumentsDelta: '{"country"' },
      { type: 'tool-call-delta', choice: 0, index: 0, argumentsDelta: ':"France"}' },
      { type: 'finish', choice: 0, reason: 'tool_calls' },
      { type: 'usage', usage: { promptTokens: 255, completionTokens: 16, cachedTokens: 5 } },
    ]);
    expect(shape(frames.map((frame) => frame.type))).toEqual(
      recordedTypes(readFixture(fixture('stream-function-call.sse'))),
    );
    expect(frames.map((frame) => frame.sequence_number)).toEqual(frames.map((_, i) => i));
    const completed = frames.at(-1) as unknown as { response: Record<string, unknown> };
    expect(completed.response).toMatchObject({
      id: 'resp_1',
      status: 'completed',
      model: 'gpt-test',
      output: [
        {
          type: 'function_call',
          call_id: 'call_kL0',
          name: 'get_capital',
          arguments: '{"country":"France"}',
          status: 'completed',
        },
      ],
      usage: {
        input_tokens: 255,
        input_tokens_details: { cached_tokens: 5 },
        output_tokens: 16,
        total_tokens: 271,
      },
    });
  });

  it('writes text in the order of the recorded Azure stream', () => {
    const recorded = loadChunksJsonl(fixture('azure-responses-stream-text.chunks.jsonl')).map(
      (message) => (JSON.parse(message.data) as { type: string }).type,
    );
    const frames = encodeAll([
      { type: 'text-delta', choice: 0, text: 'Hello' },
      { type: 'text-delta', choice: 0, text: ' world' },
      { type: 'finish', choice: 0, reason: 'stop' },
    ]);
    expect(shape(frames.map((frame) => frame.type))).toEqual(shape(recorded));
    const done = frames.find((frame) => frame.type === 'response.output_text.done');
    expect(done).toMatchObject({ text: 'Hello world', content_index: 0 });
  });

  it('writes reasoning as a summary item before the message, with reasoning tokens', () => {
    const frames = encodeAll([
      { type: 'reasoning-delta', choice: 0, text: 'Think' },
      { type: 'reasoning-delta', choice: 0, text: 'ing' },
      { type: 'text-delta', choice: 0, text: 'Done' },
      {
        type: 'usage',
        usage: { promptTokens: 3, completionTokens: 9, reasoningTokens: 7 },
      },
    ]);
    expect(shape(frames.map((frame) => frame.type)).slice(2, 8)).toEqual([
      'response.output_item.added',
      'response.reasoning_summary_part.added',
      'response.reasoning_summary_text.delta',
      'response.reasoning_summary_text.done',
      'response.reasoning_summary_part.done',
      'response.output_item.done',
    ]);
    const completed = frames.at(-1) as unknown as {
      response: { output: unknown[]; usage: object };
    };
    expect(completed.response.output).toMatchObject([
      { type: 'reasoning', summary: [{ type: 'summary_text', text: 'Thinking' }] },
      { type: 'message', content: [{ type: 'output_text', text: 'Done' }] },
    ]);
    expect(completed.response.usage).toMatchObject({
      output_tokens_details: { reasoning_tokens: 7 },
    });
  });

  it('keeps interleaved parallel calls apart and answers namespaced calls with their namespace', () => {
    const frames = encodeAll(
      [
        { type: 'tool-call-start', choice: 0, index: 0, id: 'call_a', name: 'ns__first' },
        { type: 'tool-call-start', choice: 0, index: 1, id: 'call_b', name: 'second' },
        { type: 'tool-call-delta', choice: 0, index: 0, argumentsDelta: '{"a":1}' },
        { type: 'tool-call-delta', choice: 0, index: 1, argumentsDelta: '{"b":2}' },
      ],
      [{ type: 'namespace', name: 'ns', tools: [{ type: 'function', name: 'first' }] }],
    );
    const completed = frames.at(-1) as unknown as { response: { output: unknown[] } };
    expect(completed.response.output).toMatchObject([
      { call_id: 'call_a', namespace: 'ns', name: 'first', arguments: '{"a":1}' },
      { call_id: 'call_b', name: 'second', arguments: '{"b":2}' },
    ]);
  });

  it('ends a stream cut by the length limit as incomplete, and a failure as response.failed', () => {
    const cut = encodeAll([
      { type: 'text-delta', choice: 0, text: 'Hel' },
      { type: 'finish', choice: 0, reason: 'length' },
    ]);
    expect(cut.at(-1)).toMatchObject({
      type: 'response.incomplete',
      response: { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } },
    });
    const failed = encodeAll([
      { type: 'text-delta', choice: 0, text: 'Hel' },
      { type: 'error', error: new AdapterError('upstream_stream_interrupted', 'cut') },
    ]);
    expect(failed.at(-1)).toMatchObject({
      type: 'response.failed',
      response: { status: 'failed', error: { code: 'upstream_stream_interrupted' } },
    });
  });
});
