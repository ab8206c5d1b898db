import { describe, expect, it, vi } from 'vitest';
import { getProvider } from '../providers';
import type { ChatRequest } from '../spec/openai-chat-request';
import { createProviderClient } from './create-provider-client';

/*
 * Every adapter that turns image URLs into bytes (Gemini, Vertex's Gemini models, Bedrock,
 * Ollama) fetches them through the fetch its ProviderClient was given, never Node's global
 * one, and refuses private addresses even on a channel with allowPrivateNetwork: that
 * setting is the operator's, for the channel's base URL, and the image URL is the caller's.
 */

const PNG = Buffer.from('89504e470d0a1a0a', 'hex');
/** TEST-NET-3: a public address literal, so no DNS is asked. */
const PUBLIC_IMAGE = 'http://203.0.113.10/cat.png';

const withImage = (model: string, url: string): ChatRequest => ({
  model,
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

const CASES = [
  { type: 'gemini', model: 'gemini-2.5-flash', config: {}, apiKey: 'gemini-key' },
  {
    type: 'bedrock',
    model: 'anthropic.claude-3-5-sonnet-20241022-v2:0',
    config: { region: 'us-east-1', authMode: 'api-key' },
    apiKey: 'bedrock-key',
  },
  { type: 'ollama', model: 'llava', config: {}, apiKey: '' },
] as const;

/** A fetch that serves the image and refuses the chat itself (its body is all we need). */
function createRecordingFetch() {
  const calls: Array<{ url: string; body?: string }> = [];
  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    calls.push({ url, ...(typeof init?.body === 'string' && { body: init.body }) });
    if (url === PUBLIC_IMAGE)
      return new Response(PNG, { headers: { 'content-type': 'image/png' } });
    return new Response('{"error":{"message":"stop here"}}', {
      status: 400,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch;
  return { calls, fetch: fetchImpl };
}

describe.each(CASES)('$type: image URLs in a ProviderClient', ({ type, model, config, apiKey }) => {
  it('are fetched through the client’s fetch, and the bytes reach the upstream', async () => {
    const global = vi.fn();
    vi.stubGlobal('fetch', global);
    try {
      const recording = createRecordingFetch();
      const client = createProviderClient({
        adapter: getProvider(type),
        target: { apiKey, baseUrl: 'http://upstream.example', config },
        fetch: recording.fetch,
      });
      await expect(client.chat(withImage(model, PUBLIC_IMAGE))).rejects.toMatchObject({
        status: 400,
      });
      expect(global).not.toHaveBeenCalled();
      expect(recording.calls.map((call) => call.url)[0]).toBe(PUBLIC_IMAGE);
      expect(recording.calls).toHaveLength(2);
      expect(recording.calls[1]?.body).toContain(PNG.toString('base64'));
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('never reach a private address, even on a channel with allowPrivateNetwork', async () => {
    const recording = createRecordingFetch();
    const client = createProviderClient({
      adapter: getProvider(type),
      // A local model server: the channel may reach it, the caller's images may not.
      target: {
        apiKey,
        baseUrl: 'http://127.0.0.1:11434',
        config: { ...config, allowPrivateNetwork: true },
      },
      fetch: recording.fetch,
    });
    for (const url of [
      'http://127.0.0.1:11434/cat.png',
      'http://169.254.169.254/latest/meta-data/',
      'http://[::ffff:127.0.0.1]/cat.png',
      'http://10.0.0.1/cat.png',
      'http://0x7f000001/cat.png',
    ]) {
      await expect(client.chat(withImage(model, url))).rejects.toMatchObject({
        code: 'invalid_request',
        param: 'messages',
      });
    }
    expect(recording.calls).toEqual([]);
  });
});
