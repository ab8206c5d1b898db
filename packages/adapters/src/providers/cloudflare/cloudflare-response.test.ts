import { describe, expect, it } from 'vitest';
import { readFixture } from '../../testing/fixtures';
import { cloudflareAdapter } from './cloudflare-adapter';

const request = {
  model: '@cf/meta/llama-3.1-8b-instruct',
  messages: [{ role: 'user' as const, content: 'hi' }],
};
const fixture = (name: string): unknown =>
  JSON.parse(readFixture(new URL(`./__fixtures__/${name}`, import.meta.url)));

describe('fromCloudflareResponse', () => {
  it('unwraps result.response and usage (run-text.json)', () => {
    const completion = cloudflareAdapter.parseChatResponse(fixture('run-text.json'), request);
    expect(completion.model).toBe('@cf/meta/llama-3.1-8b-instruct');
    expect(completion.choices[0]).toEqual({
      index: 0,
      message: { role: 'assistant', content: 'The capital of France is Paris.' },
      finish_reason: 'stop',
    });
    expect(completion.usage).toEqual({ prompt_tokens: 18, completion_tokens: 8, total_tokens: 26 });
  });

  it('maps {name, arguments: object} tool calls (run-tool-call.json)', () => {
    const completion = cloudflareAdapter.parseChatResponse(fixture('run-tool-call.json'), request);
    const choice = completion.choices[0];
    expect(choice?.message.content).toBeNull();
    expect(choice?.message.tool_calls).toEqual([
      {
        id: expect.stringMatching(/^call_/),
        type: 'function',
        function: { name: 'get_weather', arguments: '{"city":"Tokyo"}' },
      },
    ]);
    expect(choice?.finish_reason).toBe('tool_calls');
  });

  it('accepts OpenAI-shaped tool calls and keeps their id', () => {
    const body = {
      success: true,
      result: {
        response: '',
        tool_calls: [
          { id: 'call_x', type: 'function', function: { name: 'f', arguments: '{"a":1}' } },
        ],
      },
    };
    const call = cloudflareAdapter.parseChatResponse(body, request).choices[0]?.message
      .tool_calls?.[0];
    expect(call).toEqual({
      id: 'call_x',
      type: 'function',
      function: { name: 'f', arguments: '{"a":1}' },
    });
  });

  it('derives length when the output reached the requested max_tokens', () => {
    const completion = cloudflareAdapter.parseChatResponse(fixture('run-text.json'), {
      ...request,
      max_tokens: 8,
    });
    expect(completion.choices[0]?.finish_reason).toBe('length');
  });

  it('serialises an object response (JSON mode) as text', () => {
    const body = { success: true, result: { response: { answer: 42 } } };
    expect(cloudflareAdapter.parseChatResponse(body, request).choices[0]?.message.content).toBe(
      '{"answer":42}',
    );
  });

  it('rejects an unwrapped or failed body', () => {
    expect(() => cloudflareAdapter.parseChatResponse({ response: 'x' }, request)).toThrow(
      expect.objectContaining({ code: 'upstream_bad_response' }),
    );
  });
});
