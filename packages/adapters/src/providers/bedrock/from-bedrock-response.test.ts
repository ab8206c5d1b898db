import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../spec/openai-chat-request';
import { readFixture } from '../../testing/fixtures';
import { fromBedrockResponse } from './from-bedrock-response';
import { mapBedrockStopReason } from './map-bedrock-stop-reason';
import { fixtureUrl } from './testing/bedrock-test-fixtures';

const request: ChatRequest = {
  model: 'anthropic.claude-3-5-sonnet-20241022-v2:0',
  messages: [{ role: 'user', content: 'hi' }],
};
const parseFixture = (name: string) =>
  fromBedrockResponse(JSON.parse(readFixture(fixtureUrl(name))), request);

describe('fromBedrockResponse', () => {
  it('parses a text answer with usage (converse-text.json)', () => {
    const completion = parseFixture('converse-text.json');
    expect(completion).toMatchObject({ object: 'chat.completion', model: request.model });
    expect(completion.id).toMatch(/^chatcmpl-/);
    expect(completion.choices).toEqual([
      {
        index: 0,
        message: {
          role: 'assistant',
          content:
            'Let me count the "r"s in "strawberry":\n\ns-t-**r**-a-w-b-e-**r**-**r**-y\n\nThere are **3** "r"s in "strawberry."',
        },
        finish_reason: 'stop',
      },
    ]);
    // The fixture carries cache reads and writes of 0, so both are reported as 0.
    expect(completion.usage).toEqual({
      prompt_tokens: 22,
      completion_tokens: 57,
      total_tokens: 79,
      prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
    });
  });

  it('parses tool calls with object input into JSON arguments (converse-tool-use.json)', () => {
    const { choices, usage } = parseFixture('converse-tool-use.json');
    expect(choices[0]?.message.content).toBe('Let me call a tool first.Now the JSON.');
    expect(choices[0]?.message.tool_calls).toEqual([
      {
        id: 'tool-1',
        type: 'function',
        function: { name: 'get-weather', arguments: '{"location":"SF"}' },
      },
      {
        id: 'json-tool-id',
        type: 'function',
        function: { name: 'json', arguments: '{"result":"data"}' },
      },
    ]);
    expect(choices[0]?.finish_reason).toBe('tool_calls');
    expect(usage).toEqual({ prompt_tokens: 22, completion_tokens: 48, total_tokens: 70 });
  });

  it('puts reasoningContent into reasoning_content (converse-reasoning.json)', () => {
    const { choices, usage } = parseFixture('converse-reasoning.json');
    expect(choices[0]?.message.reasoning_content).toBe(
      'Let me count the r\'s in "strawberry":\n\ns-t-r-a-w-b-e-r-r-y\n\nThere are 3 r\'s.',
    );
    expect(choices[0]?.message.content).toBe(
      'There are **3** r\'s in "strawberry":\n\n1. st**r**awbe**r****r**y',
    );
    expect(usage?.total_tokens).toBe(129);
  });

  it('sends null content for a pure tool call and counts cached reads in prompt_tokens', () => {
    const completion = fromBedrockResponse(
      {
        output: {
          message: {
            role: 'assistant',
            content: [{ toolUse: { toolUseId: 't', name: 'ping', input: {} } }],
          },
        },
        stopReason: 'tool_use',
        usage: {
          inputTokens: 3,
          outputTokens: 4,
          cacheReadInputTokens: 90,
          cacheWriteInputTokens: 5,
        },
      },
      request,
    );
    expect(completion.choices[0]?.message.content).toBeNull();
    expect(completion.choices[0]?.message.tool_calls?.[0]?.function.arguments).toBe('{}');
    expect(completion.usage).toEqual({
      prompt_tokens: 98,
      completion_tokens: 4,
      total_tokens: 102,
      // The 5 written are priced as writes: the buffered answer is billed from this object.
      prompt_tokens_details: { cached_tokens: 90, cache_write_tokens: 5 },
    });
  });

  it('rejects a body of the wrong shape as upstream_bad_response', () => {
    expect(() => fromBedrockResponse({ output: {} }, request)).toThrow(
      expect.objectContaining({ code: 'upstream_bad_response' }),
    );
  });
});

describe('mapBedrockStopReason', () => {
  it.each([
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['max_tokens', 'length'],
    ['tool_use', 'tool_calls'],
    ['guardrail_intervened', 'content_filter'],
    ['content_filtered', 'content_filter'],
    ['something_new', 'stop'],
  ])('maps %s to %s', (reason, expected) => {
    expect(mapBedrockStopReason(reason)).toBe(expected);
  });
});
