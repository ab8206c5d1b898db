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

async function buildMessages(url: string, config: Record<string, unknown> = {}) {
  const upstream = await ollamaAdapter.buildChatRequest(imageRequest(url), { ...local, config });
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

  it('fetches an http URL from a private address when the channel allows it', async () => {
    const messages = await buildMessages(imageUrl, { allowPrivateNetwork: true });
    expect(messages).toEqual(documented.messages);
  });

  it('refuses an http URL on a private address by default', async () => {
    await expect(buildMessages(imageUrl)).rejects.toMatchObject({ code: 'invalid_request' });
  });
});
