import { describe, expect, it } from 'vitest';
import { parseOpenAIChatRequest } from './parse-openai-chat-request';

const base = { model: 'gpt-5', messages: [{ role: 'user', content: 'hi' }] };

describe('parseOpenAIChatRequest', () => {
  it('takes a canonical body for any channel', () => {
    expect(parseOpenAIChatRequest(base)).toEqual({ request: base, openAIOnly: false });
  });

  it.each([
    ['a custom tool', { tools: [{ type: 'custom', custom: { name: 'apply_patch' } }] }],
    ['allowed_tools', { tool_choice: { type: 'allowed_tools', allowed_tools: { mode: 'auto' } } }],
    ['a newer reasoning effort', { reasoning_effort: 'xhigh' }],
    [
      'a content part newer than the gateway',
      { messages: [{ role: 'user', content: [{ type: 'video_url_2027', video_url: {} }] }] },
    ],
    ['the deprecated function role', { messages: [{ role: 'function', name: 'f', content: '1' }] }],
  ])('keeps %s as written, for OpenAI-compatible channels only', (_what, fields) => {
    const body = { ...base, ...fields };
    expect(parseOpenAIChatRequest(body)).toEqual({ request: body, openAIOnly: true });
  });

  it('refuses what the gateway reads itself, with the canonical error', () => {
    expect(() => parseOpenAIChatRequest({ ...base, max_tokens: 0 })).toThrow(
      "Invalid value for 'max_tokens'",
    );
    expect(() => parseOpenAIChatRequest({ ...base, messages: [] })).toThrow(
      "Invalid value for 'messages'",
    );
  });
});
