import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collectStream } from '../../core/collect-stream';
import { readStreamMessages } from '../../core/read-stream-messages';
import type { RawStreamMessage } from '../../spec/provider-adapter';
import type { StreamEvent } from '../../spec/stream-event';
import { chunkAt, loadChunksJsonl, readFixture, splitBytes } from '../../testing/fixtures';
import { createOpenAIStreamDecoder } from './openai-stream-decoder';

const fixture = (name: string) => new URL(`./__fixtures__/${name}`, import.meta.url);

async function messagesOf(name: string): Promise<RawStreamMessage[]> {
  if (name.endsWith('.jsonl')) return loadChunksJsonl(fixture(name));
  const messages: RawStreamMessage[] = [];
  const bytes = new TextEncoder().encode(readFixture(fixture(name)));
  for await (const message of readStreamMessages(chunkAt([bytes]), 'sse')) messages.push(message);
  return messages;
}

function decodeAll(messages: RawStreamMessage[]): StreamEvent[] {
  const decoder = createOpenAIStreamDecoder();
  return [...messages.flatMap((message) => decoder.decode(message)), ...decoder.end()];
}

/** An independent, naive reading of plain OpenAI chunks, to compare the decoder against. */
function naiveFold(messages: RawStreamMessage[]) {
  const text = new Map<number, string>();
  const finish = new Map<number, string>();
  const tools = new Map<number, { name: string; arguments: string }>();
  let usage: { prompt_tokens: number; completion_tokens: number } | undefined;
  for (const { data } of messages) {
    if (data === '[DONE]') continue;
    const chunk = JSON.parse(data);
    if (chunk.usage) usage = chunk.usage;
    for (const choice of chunk.choices ?? []) {
      const delta = choice.delta ?? {};
      if (typeof delta.content === 'string')
        text.set(choice.index, (text.get(choice.index) ?? '') + delta.content);
      for (const call of delta.tool_calls ?? []) {
        const entry = tools.get(call.index) ?? { name: '', arguments: '' };
        entry.name += call.function?.name ?? '';
        entry.arguments += call.function?.arguments ?? '';
        tools.set(call.index, entry);
      }
      if (choice.finish_reason) finish.set(choice.index, choice.finish_reason);
    }
  }
  return { text, finish, tools: [...tools.values()], usage };
}

const PLAIN_OPENAI_STREAMS = [
  'chat-stream-include-usage.sse',
  'chat-stream-leading-newline.sse',
  'chat-stream-logprobs.sse',
  'chat-stream-max-tokens-length.sse',
  'chat-stream-n3-multiple-choices.sse',
  'chat-stream-parallel-tool-calls.sse',
  'chat-stream-tool-call-deltas-gpt35.sse',
  'chat-stream-tool-call.sse',
  'azure/chat-stream-content-filter.chunks.jsonl',
  'deepseek/chat-stream-tool-call.chunks.jsonl',
  'groq/chat-stream-tool-call.chunks.jsonl',
  'xai/chat-stream-tool-call.chunks.jsonl',
];

describe('OpenAI stream decoder', () => {
  it.each(PLAIN_OPENAI_STREAMS)('decodes %s like a plain reading of its chunks', async (name) => {
    const messages = await messagesOf(name);
    const expected = naiveFold(messages);
    const { completion, usage, error } = await collectStream(decodeAll(messages), 'm');
    expect(error).toBeUndefined();
    expect(completion.choices.map((c) => c.index).sort()).toEqual(
      [...expected.finish.keys()].sort(),
    );
    for (const choice of completion.choices) {
      expect(choice.message.content ?? '').toBe(expected.text.get(choice.index) ?? '');
      expect(choice.finish_reason).toBe(expected.finish.get(choice.index));
    }
    const calls = completion.choices[0]?.message.tool_calls ?? [];
    expect(
      calls.map((call) => ({ name: call.function.name, arguments: call.function.arguments })),
    ).toEqual(expected.tools);
    for (const call of calls) expect(call.id).toMatch(/\S/);
    expect(usage).toMatchObject({
      promptTokens: expected.usage?.prompt_tokens,
      completionTokens: expected.usage?.completion_tokens,
    });
  });

  it('emits start once, from the first chunk with an id (Azure’s filter chunk has none)', async () => {
    const events = decodeAll(await messagesOf('azure/chat-stream-content-filter.chunks.jsonl'));
    const starts = events.filter((event) => event.type === 'start');
    expect(starts).toHaveLength(1);
    expect(starts[0]).toMatchObject({ id: expect.stringMatching(/^chatcmpl-/) });
  });

  it('reads refusals as refusal deltas, not content', async () => {
    const { completion } = await collectStream(
      decodeAll(await messagesOf('chat-stream-refusal.sse')),
      'm',
    );
    expect(completion.choices[0]?.message.refusal).toMatch(/sorry/i);
    expect(completion.choices[0]?.message.content).toBe('');
  });

  it('separates DeepSeek reasoning_content from the answer and reads cache usage', async () => {
    const { completion, usage } = await collectStream(
      decodeAll(await messagesOf('deepseek/chat-stream-reasoning.chunks.jsonl')),
      'm',
    );
    expect(completion.choices[0]?.message.content).toBe(
      'The word "strawberry" contains three "r"s.',
    );
    expect(completion.choices[0]?.message.reasoning_content?.length).toBeGreaterThan(100);
    expect(usage).toMatchObject({ promptTokens: 18, completionTokens: 219 });
    expect(usage?.reasoningTokens).toBeGreaterThan(0);
  });

  it('reads Magistral thinking parts as reasoning', async () => {
    const { completion } = await collectStream(
      decodeAll(await messagesOf('mistral/chat-stream-reasoning.chunks.jsonl')),
      'm',
    );
    expect(completion.choices[0]?.message.content).toBe('2 + 2 = 4');
    expect(completion.choices[0]?.message.reasoning_content).toBe(
      'The user is asking for 2+2. This is basic arithmetic. 2+2=4.',
    );
  });

  it('gives Mistral’s index-less whole tool calls index 0, 1, ...', async () => {
    const events = decodeAll(await messagesOf('mistral/chat-stream-tool-call.chunks.jsonl'));
    expect(events.filter((event) => event.type === 'tool-call-start')).toEqual([
      { type: 'tool-call-start', choice: 0, index: 0, id: 'gSIMJiOkT', name: 'weather' },
    ]);
    const { completion } = await collectStream(events, 'm');
    expect(JSON.parse(completion.choices[0]!.message.tool_calls![0]!.function.arguments)).toEqual({
      location: 'San Francisco',
    });
  });

  it('keeps DashScope’s first tool-call id when continuations repeat id ""', async () => {
    const events = decodeAll(
      await messagesOf('dashscope/compat-chat-stream-tool-call.chunks.jsonl'),
    );
    const starts = events.filter((event) => event.type === 'tool-call-start');
    expect(starts).toHaveLength(1);
    expect(starts[0]).toMatchObject({ index: 0, id: expect.stringMatching(/^call_/) });
    const { completion } = await collectStream(events, 'm');
    expect(() =>
      JSON.parse(completion.choices[0]!.message.tool_calls![0]!.function.arguments),
    ).not.toThrow();
  });

  it('turns an error object mid-stream into an error event', () => {
    const decoder = createOpenAIStreamDecoder();
    const [event] = decoder.decode({
      data: JSON.stringify({ error: { message: 'Overloaded', type: 'server_error', code: null } }),
    });
    expect(event).toMatchObject({ type: 'error' });
    expect(event?.type === 'error' && event.error.retryable).toBe(true);
  });

  it('parses the same events however the bytes are split', async () => {
    const bytes = new TextEncoder().encode(
      readFixture(fixture('chat-stream-parallel-tool-calls.sse')),
    );
    const reference = decodeAll(await messagesOf('chat-stream-parallel-tool-calls.sse'));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 40 }),
        async (cuts) => {
          const messages: RawStreamMessage[] = [];
          for await (const message of readStreamMessages(chunkAt(splitBytes(bytes, cuts)), 'sse')) {
            messages.push(message);
          }
          expect(decodeAll(messages)).toEqual(reference);
        },
      ),
      { numRuns: 60 },
    );
  });
});
