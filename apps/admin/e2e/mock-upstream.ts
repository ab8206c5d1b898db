import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MockUpstream {
  /** The OpenAI-compatible base URL to give the channel: `http://127.0.0.1:<port>/v1`. */
  baseUrl: string;
  /** Authorization headers it received, to check the channel's key was used. */
  authorizations: string[];
  /**
   * Holds every streamed reply after its first words until the returned function is called:
   * a test then sees a partial reply however slow the machine, without racing a timer.
   */
  holdStreams: () => () => void;
  close: () => Promise<void>;
}

/** A key the mock refuses as OpenAI does a revoked one (recorded error-401-invalid-api-key.json). */
export const REVOKED_KEY = 'sk-revoked-e2e-0000';

/** What GET /v1/models lists: the channel's model and one more to pick. */
export const UPSTREAM_MODELS = ['gpt-4o-mini', 'mock-extra'];

interface ChatBody {
  model: string;
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  messages: { role: string; content: string }[];
}

/**
 * A stand-in for an OpenAI-compatible provider: its model list, and chat completions,
 * plain or streamed. A streamed reply echoes the last user message, so a test chooses what
 * the "model" says (markup, for one).
 */
export async function startMockUpstream(): Promise<MockUpstream> {
  const authorizations: string[] = [];
  const gate = { held: Promise.resolve() };
  const server: Server = createServer((incoming, outgoing) => {
    let body = '';
    incoming.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    incoming.on('end', () => {
      authorizations.push(incoming.headers.authorization ?? '');
      if (incoming.headers.authorization === `Bearer ${REVOKED_KEY}`) {
        outgoing.writeHead(401, { 'content-type': 'application/json' });
        outgoing.end(
          JSON.stringify({
            error: {
              message:
                'Incorrect API key provided: sk-revo***********0000. You can find your API key at https://platform.openai.com/account/api-keys.',
              type: 'invalid_request_error',
              param: null,
              code: 'invalid_api_key',
            },
          }),
        );
        return;
      }
      if (incoming.method === 'GET' && incoming.url === '/v1/models') {
        outgoing.writeHead(200, { 'content-type': 'application/json' });
        outgoing.end(
          JSON.stringify({
            object: 'list',
            data: UPSTREAM_MODELS.map((id) => ({ id, object: 'model', owned_by: 'mock' })),
          }),
        );
        return;
      }
      if (incoming.method !== 'POST' || incoming.url !== '/v1/chat/completions') {
        outgoing.writeHead(404, { 'content-type': 'application/json' });
        outgoing.end(
          JSON.stringify({ error: { message: 'not found', type: 'invalid_request_error' } }),
        );
        return;
      }
      const chat = JSON.parse(body) as ChatBody;
      if (chat.stream) {
        void streamReply(outgoing, chat, gate);
        return;
      }
      outgoing.writeHead(200, { 'content-type': 'application/json' });
      outgoing.end(
        JSON.stringify({
          id: 'chatcmpl-mock',
          object: 'chat.completion',
          created: Math.floor(Date.now() / 1000),
          model: chat.model,
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
    holdStreams: () => {
      let release = () => {};
      gate.held = new Promise<void>((resolve) => {
        release = resolve;
      });
      return release;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * OpenAI's stream, shaped like the recorded `chat-stream-include-usage.sse` fixture: a role
 * chunk, content deltas (a few milliseconds apart, so the browser sees them arrive), a
 * finish chunk, the usage chunk when asked for, a keep-alive comment, then `[DONE]`.
 */
async function streamReply(
  outgoing: ServerResponse,
  chat: ChatBody,
  gate: { held: Promise<void> },
): Promise<void> {
  const prompt = chat.messages.filter((message) => message.role === 'user').at(-1)?.content ?? '';
  const base = {
    id: 'chatcmpl-mock-stream',
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model: chat.model,
  };
  const chunk = (delta: object, finish: string | null) =>
    `data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] })}\n\n`;
  outgoing.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const pieces = ['Streamed ', 'from the mock', ' upstream. You said: ', prompt];
  outgoing.write(chunk({ role: 'assistant', content: '', refusal: null }, null));
  for (const [index, piece] of pieces.entries()) {
    if (index === 1) await gate.held;
    await new Promise((resolve) => setTimeout(resolve, 30));
    outgoing.write(chunk({ content: piece }, null));
  }
  outgoing.write(': keep-alive\n\n');
  outgoing.write(chunk({}, 'stop'));
  if (chat.stream_options?.include_usage)
    outgoing.write(
      `data: ${JSON.stringify({ ...base, choices: [], usage: { prompt_tokens: 12, completion_tokens: 34, total_tokens: 46 } })}\n\n`,
    );
  outgoing.end('data: [DONE]\n\n');
}
