import { describe, expect, it } from 'vitest';
import { readFixture } from '../../testing/fixtures';
import { dashscopeAdapter } from './dashscope-adapter';

const request = { model: 'qwen3-max', messages: [{ role: 'user' as const, content: 'hi' }] };
const fixture = (name: string): unknown =>
  JSON.parse(readFixture(new URL(`./__fixtures__/${name}`, import.meta.url)));

describe('fromDashScopeResponse', () => {
  it('reads a tool call with its id and tool_calls finish', () => {
    const completion = dashscopeAdapter.parseChatResponse(
      fixture('native-chat-tool-call.json'),
      request,
    );
    expect(completion.id).toBe('bc7fc58d-c03f-9c9f-af73-91bea326c99f');
    expect(completion.choices[0]).toEqual({
      index: 0,
      message: {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_962bfd2ab8f54b89a1161356',
            type: 'function',
            function: { name: 'weather', arguments: '{"location": "San Francisco"}' },
          },
        ],
      },
      finish_reason: 'tool_calls',
    });
    expect(completion.usage).toEqual({
      prompt_tokens: 295,
      completion_tokens: 22,
      total_tokens: 317,
      prompt_tokens_details: { cached_tokens: 0 },
    });
  });

  it('reads reasoning_content and reasoning tokens', () => {
    const completion = dashscopeAdapter.parseChatResponse(
      fixture('native-chat-reasoning.json'),
      request,
    );
    const message = completion.choices[0]?.message;
    expect(message?.content).toMatch(/^The word \*\*"strawberry"\*\* contains \*\*3\*\*/);
    expect(message?.reasoning_content).toMatch(/^We are asked: "How many 'r's/);
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.usage?.completion_tokens_details).toEqual({ reasoning_tokens: 1353 });
    expect(completion.usage?.total_tokens).toBe(1692);
  });

  it('rejects a compatible-mode body, which has no output envelope', () => {
    const body = { choices: [{ message: { content: 'x' } }] };
    expect(() => dashscopeAdapter.parseChatResponse(body, request)).toThrow(
      expect.objectContaining({ code: 'upstream_bad_response' }),
    );
  });
});
