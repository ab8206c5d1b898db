import { describe, expect, it } from 'vitest';
import { AdapterError } from '../spec/adapter-error';
import type { StreamEvent } from '../spec/stream-event';
import { collectStream } from './collect-stream';
import { createOpenAIChunkEncoder } from './openai-chunk-encoder';

const EVENTS: StreamEvent[] = [
  { type: 'start', id: 'chatcmpl-1', created: 1700000000, model: 'upstream-model' },
  { type: 'text-delta', choice: 0, text: 'Hel' },
  { type: 'text-delta', choice: 0, text: 'lo' },
  { type: 'tool-call-start', choice: 0, index: 0, id: 'call_a', name: 'f' },
  { type: 'tool-call-delta', choice: 0, index: 0, argumentsDelta: '{"x":1}' },
  { type: 'usage', usage: { promptTokens: 5, completionTokens: 2 } },
  { type: 'finish', choice: 0, reason: 'tool_calls' },
];

function run(events: StreamEvent[], includeUsage: boolean) {
  const encoder = createOpenAIChunkEncoder({ model: 'exposed-model', includeUsage });
  const frames = [...events.flatMap((event) => encoder.encode(event)), ...encoder.end()];
  return {
    encoder,
    frames,
    chunks: frames.filter((f) => f !== 'data: [DONE]\n\n').map((f) => JSON.parse(f.slice(6))),
  };
}

describe('OpenAI chunk encoder', () => {
  it('writes role first, keeps the upstream id, shows the exposed model, and ends with [DONE]', () => {
    const { frames, chunks } = run(EVENTS, false);
    expect(frames.every((frame) => frame.startsWith('data: ') && frame.endsWith('\n\n'))).toBe(
      true,
    );
    expect(chunks[0].choices[0].delta).toEqual({ role: 'assistant', content: 'Hel' });
    expect(chunks[1].choices[0].delta).toEqual({ content: 'lo' });
    expect(
      chunks.every((chunk) => chunk.id === 'chatcmpl-1' && chunk.model === 'exposed-model'),
    ).toBe(true);
    expect(chunks[2].choices[0].delta.tool_calls).toEqual([
      { index: 0, id: 'call_a', type: 'function', function: { name: 'f', arguments: '' } },
    ]);
    expect(chunks.at(-1).choices[0]).toEqual({ index: 0, delta: {}, finish_reason: 'tool_calls' });
    expect(frames.at(-1)).toBe('data: [DONE]\n\n');
  });

  it('adds the usage chunk only when asked, but always keeps usage for billing', () => {
    const hidden = run(EVENTS, false);
    expect(hidden.chunks.some((chunk) => chunk.usage)).toBe(false);
    expect(hidden.encoder.usage).toEqual({ promptTokens: 5, completionTokens: 2 });
    const shown = run(EVENTS, true);
    expect(shown.chunks.at(-1)).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 },
    });
  });

  it('gives an empty answer a role and empty content with its finish reason', () => {
    const { chunks } = run([{ type: 'finish', choice: 0, reason: 'stop' }], false);
    expect(chunks[0].choices[0]).toEqual({
      index: 0,
      delta: { role: 'assistant', content: '' },
      finish_reason: 'stop',
    });
  });

  it('announces the role once per choice when n > 1', () => {
    const { chunks } = run(
      [
        { type: 'text-delta', choice: 0, text: 'a' },
        { type: 'text-delta', choice: 1, text: 'b' },
        { type: 'text-delta', choice: 0, text: 'c' },
      ],
      false,
    );
    expect(chunks.map((chunk) => chunk.choices[0].delta.role)).toEqual([
      'assistant',
      'assistant',
      undefined,
    ]);
  });

  it('ends an errored stream with an error frame and no [DONE]', () => {
    const error = new AdapterError('upstream_connection_failed', 'reset');
    const { frames } = run(
      [
        { type: 'text-delta', choice: 0, text: 'a' },
        { type: 'error', error },
      ],
      false,
    );
    expect(JSON.parse(frames.at(-1)!.slice(6))).toEqual({
      error: {
        message: 'reset',
        type: 'upstream_error',
        param: null,
        code: 'upstream_connection_failed',
      },
    });
    expect(frames).not.toContain('data: [DONE]\n\n');
  });

  it('cannot be made to inject events through text that contains SSE syntax', () => {
    const { frames } = run(
      [{ type: 'text-delta', choice: 0, text: 'x\n\ndata: [DONE]\r\ndata: {"evil":1}' }],
      false,
    );
    // JSON escapes CR and LF, so the text stays inside one data line.
    expect(frames[0]!.split('\n').filter((line) => line.startsWith('data: '))).toHaveLength(1);
  });

  it('streams signed thinking as LiteLLM does, each block whole, as the buffered answer holds it', async () => {
    const events: StreamEvent[] = [
      { type: 'reasoning-delta', choice: 0, text: 'Look at ' },
      { type: 'reasoning-delta', choice: 0, text: 'the file.' },
      { type: 'reasoning-signature', choice: 0, signature: 'sig-1' },
      { type: 'reasoning-redacted', choice: 0, data: 'redacted-1' },
      { type: 'reasoning-delta', choice: 0, text: 'Then answer.' },
      { type: 'reasoning-signature', choice: 0, signature: 'sig-2' },
      { type: 'tool-call-start', choice: 0, index: 0, id: 'toolu_1', name: 'Read' },
      { type: 'finish', choice: 0, reason: 'tool_calls' },
    ];
    const { chunks } = run(events, false);
    const streamed = chunks.flatMap((chunk) => chunk.choices[0].delta.thinking_blocks ?? []);
    expect(streamed).toEqual([
      { type: 'thinking', thinking: 'Look at the file.', signature: 'sig-1' },
      { type: 'redacted_thinking', data: 'redacted-1' },
      { type: 'thinking', thinking: 'Then answer.', signature: 'sig-2' },
    ]);
    const { completion } = await collectStream(events, 'exposed-model');
    expect(streamed).toEqual(completion.choices[0]!.message.thinking_blocks);
    // The text still streams as reasoning_content; no unsigned block is ever written.
    expect(chunks[0].choices[0].delta).toEqual({
      role: 'assistant',
      reasoning_content: 'Look at ',
    });
  });

  it('writes no thinking_blocks for reasoning that carries no signature (DeepSeek-style)', () => {
    const { chunks } = run([{ type: 'reasoning-delta', choice: 0, text: 'hmm' }], false);
    expect(chunks.some((chunk) => 'thinking_blocks' in chunk.choices[0].delta)).toBe(false);
  });
});
