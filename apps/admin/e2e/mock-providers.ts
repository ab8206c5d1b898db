import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const capture = (provider: string, name: string) =>
  readFileSync(
    new URL(
      `../../../packages/adapters/src/providers/${provider}/__fixtures__/${name}`,
      import.meta.url,
    ),
    'utf8',
  );

/**
 * Each wire format's answer to a small non-streamed chat, from the adapters' captures (their
 * SOURCES.md say where each comes from), chosen by the path the provider posts to. The
 * order matters: the most specific path first.
 */
const FORMATS: readonly { path: RegExp; credential: RegExp; body: () => string }[] = [
  // Cloudflare Workers AI: /accounts/{account}/ai/run/{model}
  {
    path: /\/accounts\/[^/]+\/ai\/run\//,
    credential: /^bearer /i,
    body: () => capture('cloudflare', 'run-text.json'),
  },
  // Bedrock Converse, SigV4-signed: /model/{id}/converse
  {
    path: /\/model\/[^/]+\/converse$/,
    credential: /^AWS4-HMAC-SHA256 /,
    body: () => capture('bedrock', 'converse-text.json'),
  },
  // Anthropic Messages
  { path: /\/messages$/, credential: /.+/, body: () => capture('anthropic', 'messages-text.json') },
  // Gemini generateContent (x-goog-api-key)
  {
    path: /:generateContent$/,
    credential: /.+/,
    body: () => capture('gemini', 'generateContent-text.json'),
  },
  // Cohere v2
  {
    path: /\/v2\/chat$/,
    credential: /^bearer /i,
    body: () => capture('cohere', 'chat-v2-text.json'),
  },
  // Ollama's native API
  {
    path: /\/api\/chat$/,
    credential: /^bearer /i,
    body: () => capture('ollama', 'api-chat-response.json'),
  },
  // DashScope native text generation
  {
    path: /\/services\/aigc\/text-generation\/generation$/,
    credential: /^bearer /i,
    body: () => capture('dashscope', 'native-chat-reasoning.json'),
  },
  // OpenAI chat completions: OpenAI, Azure (api-key header) and every compatible preset
  {
    path: /\/chat\/completions$/,
    credential: /.+/,
    body: () => capture('openai', 'chat-completion-text.json'),
  },
];

export interface ReceivedCall {
  /** The first path segment: the base URL the test gave the channel ends with its type. */
  readonly type: string;
  readonly path: string;
}

export interface MockProviders {
  /** A stand-in for Google's OAuth token endpoint (Vertex AI's service-account exchange). */
  readonly tokenUrl: string;
  /** `http://127.0.0.1:<port>/<type>`: a channel's base URL, so each call says whose it is. */
  baseUrlFor(type: string): string;
  readonly calls: ReceivedCall[];
  close(): Promise<void>;
}

/**
 * One upstream that speaks every provider format a channel test uses, refusing a call with
 * no credential as every real API does (401), and an unknown path (404).
 */
export async function startMockProviders(): Promise<MockProviders> {
  const calls: ReceivedCall[] = [];
  const server: Server = createServer((incoming, outgoing) => {
    let body = '';
    incoming.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    incoming.on('end', () => {
      const url = new URL(incoming.url ?? '/', 'http://mock');
      const path = decodeURIComponent(url.pathname);
      const format = FORMATS.find((candidate) => candidate.path.test(path));
      const credential =
        incoming.headers.authorization ??
        incoming.headers['x-api-key'] ??
        incoming.headers['x-goog-api-key'] ??
        incoming.headers['api-key'] ??
        '';
      const send = (status: number, body: string) => {
        outgoing.writeHead(status, { 'content-type': 'application/json' });
        outgoing.end(body);
      };
      // Google's OAuth token endpoint, for Vertex AI (VERTEX_TOKEN_URL): a signed assertion in.
      if (incoming.method === 'POST' && path === '/token')
        return /grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=/.test(
          body,
        )
          ? send(
              200,
              JSON.stringify({
                access_token: 'ya29.e2e-token',
                expires_in: 3599,
                token_type: 'Bearer',
              }),
            )
          : send(400, JSON.stringify({ error: 'invalid_grant' }));
      if (incoming.method !== 'POST' || !format)
        return send(404, JSON.stringify({ error: { message: `No route: ${path}` } }));
      if (!format.credential.test(String(credential)))
        return send(
          401,
          JSON.stringify({ error: { message: 'Missing or malformed credentials' } }),
        );
      calls.push({ type: path.split('/')[1] ?? '', path });
      send(200, format.body());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    tokenUrl: `http://127.0.0.1:${port}/token`,
    baseUrlFor: (type) => `http://127.0.0.1:${port}/${type}`,
    calls,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
