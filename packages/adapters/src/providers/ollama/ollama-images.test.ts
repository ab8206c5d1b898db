import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatRequestSchema } from '../../spec/openai-chat-request';
import { readFixture } from '../../testing/fixtures';
import { ollamaAdapter } from './ollama-adapter';

const documented = JSON.parse(
  readFixture(new URL('./__fixtures__/api-chat-images-request.json', import.meta.url)),
);
const base64: string = documented.messages[0].images[0];
const local = { baseUrl: 'http://localhost:11434', apiKey: '', config: {} };

function imageRequest(url: string) {
  return chatRequestSchema.parse({
    model: 'llava',
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'what is in this image?' },
          { type: 'image_url', image_url: { url } },
        ],
      },
    ],
  });
}

async function buildMessages(
  url: string,
  config: Record<string, unknown> = {},
  fetchImpl?: typeof fetch,
) {
  const upstream = await ollamaAdapter.buildChatRequest(imageRequest(url), {
    ...local,
    config,
    ...(fetchImpl && { fetch: fetchImpl }),
  });
  return JSON.parse(String(upstream.body)).messages;
}

describe('Ollama images', () => {
  let server: Server;
  let imageUrl = '';

  beforeAll(async () => {
    server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'image/png' });
      response.end(Buffer.from(base64, 'base64'));
    }).listen(0, '127.0.0.1');
    await once(server, 'listening');
    imageUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/llava.png`;
  });

  afterAll(() => {
    server.close();
  });

  it('splits a data: URL into the bare base64 of the documented request', async () => {
    expect(await buildMessages(`data:image/png;base64,${base64}`)).toEqual(documented.messages);
  });

  it("fetches a public http URL through the target's fetch", async () => {
    const seen: string[] = [];
    // 203.0.113.10 stands for a public host; the fetch takes it to the local server.
    const viaLocal = (async (input: string | URL | Request, init?: RequestInit) => {
      seen.push(String(input));
      return fetch(imageUrl, init);
    }) as typeof fetch;
    const messages = await buildMessages('http://203.0.113.10/llava.png', {}, viaLocal);
    expect(seen).toEqual(['http://203.0.113.10/llava.png']);
    expect(messages).toEqual(documented.messages);
  });

  it('refuses an http URL on a private address, even when the channel allows private networks', async () => {
    // allowPrivateNetwork lets the channel reach its local Ollama, not the caller's URLs.
    for (const config of [{}, { allowPrivateNetwork: true }]) {
      await expect(buildMessages(imageUrl, config)).rejects.toMatchObject({
        code: 'invalid_request',
      });
    }
  });
});
