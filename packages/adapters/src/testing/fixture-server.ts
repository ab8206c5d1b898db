import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fixture server answers to one request. */
export interface FixtureReply {
  readonly status?: number;
  readonly headers?: Record<string, string>;
  /** The body, sent in pieces cut at `splitAt` byte offsets (to test stream parsers). */
  readonly body: string | Uint8Array;
  readonly splitAt?: readonly number[];
  /** Pause between pieces, in ms. */
  readonly delayMs?: number;
}

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

export interface FixtureServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 that replays captured provider answers: the stand-in
 * for an upstream in tests. `reply` chooses the answer from the request.
 */
export async function startFixtureServer(
  reply: (request: RecordedRequest) => FixtureReply | Promise<FixtureReply>,
): Promise<FixtureServer> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer(
    async (incoming: IncomingMessage, outgoing: ServerResponse) => {
      const chunks: Buffer[] = [];
      for await (const chunk of incoming) chunks.push(chunk as Buffer);
      const recorded = {
        method: incoming.method ?? 'GET',
        url: incoming.url ?? '/',
        headers: incoming.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      const answer = await reply(recorded);
      outgoing.writeHead(
        answer.status ?? 200,
        answer.headers ?? { 'content-type': 'application/json' },
      );
      const bytes =
        typeof answer.body === 'string' ? Buffer.from(answer.body) : Buffer.from(answer.body);
      let start = 0;
      for (const cut of [
        ...(answer.splitAt ?? []).filter((o) => o > 0 && o < bytes.length),
        bytes.length,
      ]) {
        if (cut <= start) continue;
        outgoing.write(bytes.subarray(start, cut));
        start = cut;
        if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
      }
      outgoing.end();
    },
  );
  return listenOnLoopback(server, requests);
}

/**
 * Serves a fetch-style handler on 127.0.0.1 with node:http, so real HTTP clients (the
 * OpenAI and Anthropic SDKs) can call it. Client disconnects abort the request's signal.
 */
export async function serveFetchHandler(
  handler: (request: Request) => Promise<Response>,
): Promise<FixtureServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer(async (incoming, outgoing) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    requests.push({
      method: incoming.method ?? 'GET',
      url: incoming.url ?? '/',
      headers: incoming.headers,
      body: body.toString('utf8'),
    });
    const abort = new AbortController();
    outgoing.on('close', () => abort.abort());
    const request = new Request(`http://127.0.0.1${incoming.url}`, {
      method: incoming.method ?? 'GET',
      headers: Object.entries(incoming.headers).flatMap(([name, value]) =>
        value === undefined
          ? []
          : [[name, Array.isArray(value) ? value.join(', ') : value] as [string, string]],
      ),
      ...(body.length > 0 && { body }),
      signal: abort.signal,
    });
    const response = await handler(request);
    outgoing.writeHead(response.status, Object.fromEntries(response.headers));
    if (response.body) {
      for await (const chunk of response.body) outgoing.write(chunk);
    }
    outgoing.end();
  });
  return listenOnLoopback(server, requests);
}

/** Listens on a free port of 127.0.0.1; `close` also ends open keep-alive and stream connections. */
async function listenOnLoopback(
  server: Server,
  requests: RecordedRequest[],
): Promise<FixtureServer> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
