import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChatRequest } from '../../spec/openai-chat-request';
import { toBedrockRequest } from './to-bedrock-request';

const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const withImage = (url: string): ChatRequest => ({
  model: 'anthropic.claude-3-5-sonnet-20241022-v2:0',
  messages: [
    {
      role: 'user',
      content: [
        { type: 'text', text: 'What is this?' },
        { type: 'image_url', image_url: { url } },
      ],
    },
  ],
});

describe('toBedrockRequest: images', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('splits a data URL into format and base64 bytes', async () => {
    const body = await toBedrockRequest(withImage(`data:image/png;base64,${PNG_BASE64}`), {});
    expect(body.messages[0]?.content).toEqual([
      { text: 'What is this?' },
      { image: { format: 'png', source: { bytes: PNG_BASE64 } } },
    ]);
  });

  it('fetches an http(s) image through the fetch it is given and sends its bytes', async () => {
    const fetchMock = vi.fn(
      async () =>
        new Response(Buffer.from(PNG_BASE64, 'base64'), {
          headers: { 'content-type': 'image/jpeg' },
        }),
    );
    vi.stubGlobal('fetch', vi.fn());
    // A public address literal: no DNS.
    const body = await toBedrockRequest(withImage('http://203.0.113.10/cat.jpg'), {
      fetch: fetchMock as unknown as typeof fetch,
    });
    expect(fetchMock).toHaveBeenCalledOnce();
    expect(fetch).not.toHaveBeenCalled();
    expect(body.messages[0]?.content[1]).toEqual({
      image: { format: 'jpeg', source: { bytes: PNG_BASE64 } },
    });
  });

  it('refuses a private address', async () => {
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    await expect(
      toBedrockRequest(withImage('http://127.0.0.1:9/cat.jpg'), {
        fetch: fetchMock as unknown as typeof fetch,
      }),
    ).rejects.toMatchObject({ code: 'invalid_request' });
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('refuses an image format Converse does not take', async () => {
    await expect(
      toBedrockRequest(withImage(`data:image/bmp;base64,${PNG_BASE64}`), {}),
    ).rejects.toMatchObject({
      code: 'invalid_request',
      message: expect.stringContaining('image/bmp'),
    });
  });
});
