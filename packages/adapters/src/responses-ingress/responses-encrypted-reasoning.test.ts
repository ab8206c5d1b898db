import { describe, expect, it } from 'vitest';
import { collectStream } from '../core/collect-stream';
import { readStreamMessages } from '../core/read-stream-messages';
import { anthropicAdapter } from '../providers/anthropic/anthropic-adapter';
import { toAnthropicBody } from '../providers/anthropic/to-anthropic-request';
import type { ChatRequest } from '../spec/openai-chat-request';
import type { StreamEvent } from '../spec/stream-event';
import { chunkAt, readFixture } from '../testing/fixtures';
import { createResponsesEventEncoder } from './responses-event-encoder';
import { readResponsesToolNames } from './responses-tool-names';
import { toCanonicalRequestFromResponses } from './to-canonical-request-from-responses';
import { toResponsesResponse } from './to-responses-response';

const anthropicFixture = (name: string) =>
  readFixture(new URL(`../providers/anthropic/__fixtures__/${name}`, import.meta.url));
const names = readResponsesToolNames([]);
const canonical: ChatRequest = { model: 'claude', messages: [] };
const target = { baseUrl: 'https://api.anthropic.com', apiKey: 'k', config: {} };

async function decodeAnthropicStream(name: string): Promise<StreamEvent[]> {
  const decoder = anthropicAdapter.createStreamDecoder(canonical);
  const bytes = new TextEncoder().encode(anthropicFixture(name));
  const events: StreamEvent[] = [];
  for await (const message of readStreamMessages(chunkAt([bytes]), 'sse'))
    events.push(...decoder.decode(message));
  return [...events, ...decoder.end()];
}

type ReasoningItem = { type: string; encrypted_content?: string; summary: unknown[] };

/** The reasoning item of a Responses stream's output_item.done event. */
function streamedReasoning(events: StreamEvent[]): ReasoningItem {
  const encoder = createResponsesEventEncoder({ model: 'claude', names });
  const frames = [...events.flatMap((event) => encoder.encode(event)), ...encoder.end()]
    .join('')
    .split('\n\n')
    .filter(Boolean)
    .map((block) => JSON.parse(block.split('\n')[1]!.slice('data: '.length)));
  const done = frames.find(
    (frame) => frame.type === 'response.output_item.done' && frame.item.type === 'reasoning',
  );
  return done.item;
}

/** The Anthropic assistant turn made from a Responses follow-up carrying `reasoning`. */
function replayed(reasoning: ReasoningItem) {
  const request = toCanonicalRequestFromResponses({
    model: 'claude',
    input: [
      { role: 'user', content: 'Weather?' },
      reasoning,
      { type: 'function_call', call_id: 'toolu_1', name: 'get_weather', arguments: '{}' },
      { type: 'function_call_output', call_id: 'toolu_1', output: 'sunny' },
    ],
  } as never);
  return toAnthropicBody(request, target).messages[1]!;
}

describe('Anthropic thinking through a Responses reasoning item', () => {
  it('comes back signed and first in the turn from a buffered answer', () => {
    const recorded = JSON.parse(anthropicFixture('messages-thinking-tool-use.json'));
    const completion = anthropicAdapter.parseChatResponse(recorded, canonical);
    const response = toResponsesResponse(completion, 'claude', names);
    const reasoning = response.output[0] as ReasoningItem;
    expect(reasoning.summary).toEqual([
      { type: 'summary_text', text: recorded.content[0].thinking },
    ]);
    expect(reasoning.encrypted_content).toMatch(/^oneapi\.thinking\.v1\./);
    expect(replayed(reasoning).content).toEqual([
      recorded.content[0],
      { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: {} },
    ]);
  });

  it('comes back from a stream: thinking text with its signature_delta', async () => {
    const events = await decodeAnthropicStream('messages-thinking-stream.sse');
    const reasoning = streamedReasoning(events);
    const signature = events.find((event) => event.type === 'reasoning-signature');
    const { completion } = await collectStream(events, 'claude');
    const text = completion.choices[0]!.message.reasoning_content;
    expect(replayed(reasoning).content[0]).toEqual({
      type: 'thinking',
      thinking: text,
      signature: (signature as { signature: string }).signature,
    });
    expect(completion.choices[0]!.message.thinking_blocks).toEqual([
      replayed(reasoning).content[0],
    ]);
  });

  it('keeps redacted thinking blocks whole and in order', async () => {
    const sse = anthropicFixture('messages-thinking-redacted-stream.sse');
    const data = [...sse.matchAll(/"type":"redacted_thinking","data":"([^"]+)"/g)].map(
      (match) => match[1],
    );
    expect(data).toHaveLength(2);
    const reasoning = streamedReasoning(
      await decodeAnthropicStream('messages-thinking-redacted-stream.sse'),
    );
    expect(replayed(reasoning).content.slice(0, 2)).toEqual(
      data.map((blob) => ({ type: 'redacted_thinking', data: blob })),
    );
  });

  it("drops OpenAI's own encrypted reasoning, which no other provider reads", () => {
    const turn = replayed({ type: 'reasoning', summary: [], encrypted_content: 'gAAAAABoyXus' });
    expect(turn.content).toEqual([
      { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: {} },
    ]);
  });
});
