import { describe, expect, it } from 'vitest';
import { parseChatRequest } from './parse-chat-request';

describe('parseChatRequest', () => {
  it('keeps fields it does not know, for compatible upstreams', () => {
    const parsed = parseChatRequest({
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
      enable_thinking: true,
    });
    expect(parsed).toMatchObject({ enable_thinking: true });
  });

  it.each([
    [{ messages: [{ role: 'user', content: 'x' }] }, 'model'],
    [{ model: 'm', messages: [] }, 'messages'],
    [{ model: 'm', messages: [{ role: 'robot', content: 'x' }] }, 'messages[0].role'],
    [
      { model: 'm', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: {} }] }] },
      'messages[0].content',
    ],
    [{ model: 'm', messages: [{ role: 'user', content: 'x' }], max_tokens: -1 }, 'max_tokens'],
    [{ model: 'm', messages: [{ role: 'user', content: 'x' }], n: 1000 }, 'n'],
    [{ model: 'm', messages: [{ role: 'user', content: 'x' }], temperature: '1' }, 'temperature'],
  ])('refuses %j naming %s', (body, param) => {
    expect(() => parseChatRequest(body)).toThrow(
      expect.objectContaining({ code: 'invalid_request', status: 400 }),
    );
    try {
      parseChatRequest(body);
    } catch (error) {
      expect((error as { param: string }).param.startsWith(param)).toBe(true);
    }
  });
});
