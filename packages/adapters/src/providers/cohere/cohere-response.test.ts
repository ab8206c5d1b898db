import { describe, expect, it } from 'vitest';
import { readFixture } from '../../testing/fixtures';
import { cohereAdapter } from './cohere-adapter';

const request = {
  model: 'command-a-03-2025',
  messages: [{ role: 'user' as const, content: 'hi' }],
};
const fixture = (name: string): unknown =>
  JSON.parse(readFixture(new URL(`./__fixtures__/${name}`, import.meta.url)));

describe('fromCohereResponse', () => {
  it('reads text, COMPLETE and usage from tokens (not billed_units) with cached tokens', () => {
    const completion = cohereAdapter.parseChatResponse(fixture('chat-v2-text.json'), request);
    expect(completion.id).toBe('e7592632-1e3d-424f-b129-bd5f9f980f7b');
    expect(completion.model).toBe('command-a-03-2025');
    expect(completion.choices[0]).toEqual({
      index: 0,
      message: { role: 'assistant', content: 'The capital of France is Paris.' },
      finish_reason: 'stop',
    });
    expect(completion.usage).toEqual({
      prompt_tokens: 507,
      completion_tokens: 10,
      total_tokens: 517,
      prompt_tokens_details: { cached_tokens: 448 },
    });
  });

  it('reads tool calls, puts tool_plan in reasoning_content and maps TOOL_CALL', () => {
    const completion = cohereAdapter.parseChatResponse(fixture('chat-v2-tool-call.json'), request);
    const message = completion.choices[0]?.message;
    expect(message?.content).toBeNull();
    expect(message?.reasoning_content).toMatch(/^I will use the weather tool/);
    expect(message?.tool_calls).toEqual([
      {
        id: 'weather_dqgshstja6p9',
        type: 'function',
        function: { name: 'weather', arguments: '{"location":"San Francisco"}' },
      },
      {
        id: 'cityAttractions_dcxfx4myvx68',
        type: 'function',
        function: { name: 'cityAttractions', arguments: '{"city":"San Francisco"}' },
      },
    ]);
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('maps MAX_TOKENS to length', () => {
    const completion = cohereAdapter.parseChatResponse(fixture('chat-v2-max-tokens.json'), request);
    expect(completion.choices[0]?.message.content).toBe('**The History of');
    expect(completion.choices[0]?.finish_reason).toBe('length');
    expect(completion.usage?.completion_tokens).toBe(5);
  });

  it('keeps the text of a cited answer and drops the citations', () => {
    const completion = cohereAdapter.parseChatResponse(fixture('chat-v2-citations.json'), request);
    expect(completion.choices[0]?.message.content).toMatch(/^The key benefits.*Cost reduction$/s);
    expect(completion.usage?.prompt_tokens_details).toEqual({ cached_tokens: 992 });
    expect(JSON.stringify(completion)).not.toContain('citations');
  });

  it('turns finish_reason ERROR into an upstream error', () => {
    const body = { id: 'x', finish_reason: 'ERROR', message: { content: [] } };
    expect(() => cohereAdapter.parseChatResponse(body, request)).toThrow(
      expect.objectContaining({ code: 'upstream_server_error' }),
    );
  });

  it('rejects a body that is not a Cohere chat response', () => {
    expect(() => cohereAdapter.parseChatResponse({ choices: [] }, request)).toThrow(
      expect.objectContaining({ code: 'upstream_bad_response' }),
    );
  });
});
