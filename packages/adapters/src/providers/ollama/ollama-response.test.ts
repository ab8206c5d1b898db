import { describe, expect, it } from 'vitest';
import { readFixture } from '../../testing/fixtures';
import { ollamaAdapter } from './ollama-adapter';

const request = { model: 'llama3.2', messages: [{ role: 'user' as const, content: 'hi' }] };

describe('fromOllamaResponse', () => {
  it('maps the documented non-stream response', () => {
    const body = JSON.parse(
      readFixture(new URL('./__fixtures__/api-chat-response.json', import.meta.url)),
    );
    const completion = ollamaAdapter.parseChatResponse(body, request);
    expect(completion.object).toBe('chat.completion');
    expect(completion.id).toMatch(/^chatcmpl-/);
    expect(completion.model).toBe('llama3.2');
    expect(completion.created).toBe(Math.floor(Date.parse('2023-12-12T14:13:43.416799Z') / 1000));
    expect(completion.choices[0]).toEqual({
      index: 0,
      message: { role: 'assistant', content: 'Hello! How are you today?' },
      finish_reason: 'stop',
    });
    expect(completion.usage).toEqual({
      prompt_tokens: 26,
      completion_tokens: 298,
      total_tokens: 324,
    });
  });

  it('gives tool calls an id and string arguments, and finishes with tool_calls', () => {
    const body = {
      model: 'llama3.2',
      message: {
        role: 'assistant',
        content: '',
        tool_calls: [{ function: { name: 'get_weather', arguments: { city: 'Tokyo' } } }],
      },
      done: true,
      done_reason: 'stop',
      eval_count: 15,
    };
    const completion = ollamaAdapter.parseChatResponse(body, request);
    const message = completion.choices[0]?.message;
    expect(message?.content).toBeNull();
    expect(message?.tool_calls).toEqual([
      {
        id: expect.stringMatching(/^call_/),
        type: 'function',
        function: { name: 'get_weather', arguments: '{"city":"Tokyo"}' },
      },
    ]);
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
    // prompt_eval_count is absent when the prompt came from Ollama's cache.
    expect(completion.usage?.prompt_tokens).toBe(0);
  });

  it('maps done_reason length and thinking', () => {
    const body = {
      message: { content: 'Once', thinking: 'a story' },
      done: true,
      done_reason: 'length',
    };
    const choice = ollamaAdapter.parseChatResponse(body, request).choices[0];
    expect(choice?.finish_reason).toBe('length');
    expect(choice?.message.reasoning_content).toBe('a story');
  });

  it('rejects a body without a message', () => {
    expect(() => ollamaAdapter.parseChatResponse({ error: 'x' }, request)).toThrow(
      expect.objectContaining({ code: 'upstream_bad_response' }),
    );
  });
});
