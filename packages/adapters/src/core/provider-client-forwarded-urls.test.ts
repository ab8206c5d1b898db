import { describe, expect, it } from 'vitest';
import { getProvider } from '../providers';
import type { ChatRequest } from '../spec/openai-chat-request';
import { createProviderClient } from './create-provider-client';

/*
 * Adapters that pass image URLs on (Anthropic's `url` source, OpenAI-compatible `image_url`)
 * leave the fetching to the upstream: the client refuses private ones before sending, unless
 * the channel allows private networks.
 */

const withImage = (model: string, url: string): ChatRequest => ({
  model,
  messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url } }] }],
});

function createRecordingFetch() {
  const bodies: string[] = [];
  const fetchImpl = (async (_input: string | URL | Request, init?: RequestInit) => {
    bodies.push(String(init?.body));
    return new Response('{"error":{"message":"stop here"}}', {
      status: 400,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch;
  return { bodies, fetch: fetchImpl };
}

describe.each([
  { type: 'anthropic', model: 'claude-3-5-haiku-latest' },
  { type: 'openai', model: 'gpt-4o' },
])('$type: URLs the upstream would fetch', ({ type, model }) => {
  const clientWith = (config: Record<string, unknown>, recording = createRecordingFetch()) => ({
    recording,
    client: createProviderClient({
      adapter: getProvider(type),
      target: { apiKey: 'sk-test-key', baseUrl: 'http://upstream.example', config },
      fetch: recording.fetch,
      resolveHost: async (host) => (host === 'metadata.example' ? ['169.254.169.254'] : []),
    }),
  });

  it('refuses private ones before sending anything', async () => {
    const { client, recording } = clientWith({});
    for (const url of ['http://127.0.0.1:9/x.png', 'http://[::1]/x', 'http://metadata.example/']) {
      await expect(client.chat(withImage(model, url))).rejects.toMatchObject({
        status: 400,
        code: 'invalid_request',
        param: 'messages[0].content[0].image_url.url',
      });
      await expect(client.stream({ ...withImage(model, url), stream: true })).rejects.toMatchObject(
        { status: 400 },
      );
    }
    expect(recording.bodies).toEqual([]);
  });

  it('passes them on for a channel on the private network on purpose', async () => {
    const { client, recording } = clientWith({ allowPrivateNetwork: true });
    await expect(
      client.chat(withImage(model, 'http://169.254.169.254/latest')),
    ).rejects.toMatchObject({ message: 'Upstream error 400: stop here' });
    expect(recording.bodies[0]).toContain('http://169.254.169.254/latest');
  });
});
