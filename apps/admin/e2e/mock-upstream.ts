import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MockUpstream {
  /** The OpenAI-compatible base URL to give the channel: `http://127.0.0.1:<port>/v1`. */
  baseUrl: string;
  /** Authorization headers it received, to check the channel's key was used. */
  authorizations: string[];
  close: () => Promise<void>;
}

/** A stand-in for an OpenAI-compatible provider: one non-streaming chat completion. */
export async function startMockUpstream(): Promise<MockUpstream> {
  const authorizations: string[] = [];
  const server: Server = createServer((incoming, outgoing) => {
    let body = '';
    incoming.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    incoming.on('end', () => {
      if (incoming.method !== 'POST' || incoming.url !== '/v1/chat/completions') {
        outgoing.writeHead(404, { 'content-type': 'application/json' });
        outgoing.end(
          JSON.stringify({ error: { message: 'not found', type: 'invalid_request_error' } }),
        );
        return;
      }
      authorizations.push(incoming.headers.authorization ?? '');
      const { model } = JSON.parse(body) as { model: string };
      outgoing.writeHead(200, { 'content-type': 'application/json' });
      outgoing.end(
        JSON.stringify({
          id: 'chatcmpl-mock',
          object: 'chat.completion',
          created: Math.floor(Date.now() / 1000),
          model,
          choices: [
            {
              index: 0,
              message: { role: 'assistant', content: 'Hello from the mock upstream' },
              finish_reason: 'stop',
            },
          ],
          usage: { prompt_tokens: 1000, completion_tokens: 2000, total_tokens: 3000 },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    authorizations,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
