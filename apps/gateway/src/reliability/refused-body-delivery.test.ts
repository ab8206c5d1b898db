import { Agent, request } from 'node:http';
import { type AddressInfo, connect, createServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGateway, type TestGateway } from '../testing/create-test-gateway';
import { reportFigure, TEST_TIMEOUT_MS } from '../testing/reliability/reliability-kit';

/*
 * A body over BODY_LIMIT_MB is refused with 413 as soon as the limit is known, while the
 * client is still sending. Clients that write their whole body before reading the answer
 * (fetch, node:http) must still get that 413, not EPIPE or ECONNRESET: the gateway reads the
 * rest of the body and throws it away (up to 64 MiB and 10 s) instead of closing on the
 * client. Each body here is 20 MiB against a 1 MiB limit, sent over a link that carries
 * 1 MiB per 100 ms (2 s for the body, an 80 Mbit/s uplink).
 */

const API_KEY = 'sk-roottoken1234567890';
const MiB = 1024 * 1024;
const PIECES = 20;
const PACE_MS = 100;
/** How long a client may take to get its answer: the body alone takes 2 s. */
const CLIENT_WAIT_MS = 15_000;

interface Route {
  readonly path: string;
  readonly contentType: string;
  /** Bytes before the padding, so that the body is well formed up to where it is cut off. */
  readonly head: string;
  readonly shape: 'openai' | 'anthropic';
}

const ROUTES: Route[] = [
  {
    path: '/v1/chat/completions',
    contentType: 'application/json',
    head: '{"model":"gpt-4o","messages":[{"role":"user","content":"',
    shape: 'openai',
  },
  {
    path: '/v1/messages',
    contentType: 'application/json',
    head: '{"model":"gpt-4o","max_tokens":8,"messages":[{"role":"user","content":"',
    shape: 'anthropic',
  },
  {
    path: '/v1/audio/transcriptions',
    contentType: 'multipart/form-data; boundary=b0undary',
    head: '--b0undary\r\nContent-Disposition: form-data; name="model"\r\n\r\nwhisper-1\r\n--b0undary\r\nContent-Disposition: form-data; name="file"; filename="a.wav"\r\nContent-Type: audio/wav\r\n\r\n',
    shape: 'openai',
  },
  {
    path: '/api/auth/login',
    contentType: 'application/json',
    head: '{"username":"root","password":"',
    shape: 'openai',
  },
];

/**
 * A TCP proxy that carries the client's bytes to the gateway at `MiB` per `PACE_MS` (an
 * 80 Mbit/s uplink) and the answers back as they come: the client is still sending when it
 * is refused, as over a real network. A reset on one side is passed on as a reset.
 */
async function startSlowLink(target: string): Promise<{ url: string; close(): Promise<void> }> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(port), hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    }
    let budget = MiB;
    client.on('data', (chunk) => {
      upstream.write(chunk);
      budget -= chunk.length;
      if (budget > 0) return;
      client.pause();
      setTimeout(() => {
        budget += MiB;
        client.resume();
      }, PACE_MS);
    });
    upstream.on('data', (chunk) => client.write(chunk));
    client.on('end', () => upstream.end());
    upstream.on('end', () => client.end());
    client.on('error', () => upstream.resetAndDestroy());
    upstream.on('error', () => client.resetAndDestroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function bodyFor(route: Route): Uint8Array {
  const body = new Uint8Array(PIECES * MiB).fill(0x61);
  body.set(new TextEncoder().encode(route.head));
  return body;
}

interface Outcome {
  status?: number;
  body?: string;
  /** A transport error the client saw (EPIPE, ECONNRESET, "other side closed"). */
  error?: string;
  ms: number;
}

/**
 * node:http handed the whole body at once (`end(body)`, or every piece written without
 * waiting), then waiting for the answer; any error before both are done counts.
 */
function sendWithNodeHttp(url: string, route: Route, chunked: boolean): Promise<Outcome> {
  const started = performance.now();
  const agent = new Agent({ keepAlive: true });
  return new Promise<Outcome>((resolve) => {
    const outcome: Outcome = { ms: 0 };
    let pending = 2; // the upload and the answer
    const settle = () => {
      if (--pending > 0) return;
      outcome.ms = Math.round(performance.now() - started);
      agent.destroy();
      resolve(outcome);
    };
    const fail = (error: Error & { code?: string }) => {
      outcome.error ??= error.code ?? error.message;
      pending = 1;
      settle();
    };
    const outgoing = request(url, {
      method: 'POST',
      agent,
      headers: {
        'content-type': route.contentType,
        authorization: `Bearer ${API_KEY}`,
        ...(!chunked && { 'content-length': String(PIECES * MiB) }),
      },
    });
    outgoing.on('error', fail);
    outgoing.on('response', (incoming) => {
      outcome.status = incoming.statusCode;
      let text = '';
      incoming.setEncoding('utf8');
      incoming.on('data', (chunk: string) => {
        text += chunk;
      });
      incoming.on('end', () => {
        outcome.body = text;
        settle();
      });
      incoming.on('error', fail);
    });
    const body = bodyFor(route);
    if (!chunked) return void outgoing.end(body, settle);
    for (let offset = 0; offset < body.length; offset += MiB)
      outgoing.write(body.subarray(offset, offset + MiB));
    outgoing.end(settle);
  });
}

/** fetch (undici) with the whole body (Content-Length), or the same bytes as a stream (chunked). */
async function sendWithFetch(url: string, route: Route, chunked: boolean): Promise<Outcome> {
  const started = performance.now();
  const whole = bodyFor(route);
  let offset = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= whole.length) return controller.close();
      controller.enqueue(whole.slice(offset, offset + MiB));
      offset += MiB;
    },
  });
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': route.contentType, authorization: `Bearer ${API_KEY}` },
      body: chunked ? stream : whole,
      duplex: 'half',
    } as RequestInit);
    const text = await response.text();
    return { status: response.status, body: text, ms: Math.round(performance.now() - started) };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return {
      error: cause?.code ?? cause?.message ?? String(error),
      ms: Math.round(performance.now() - started),
    };
  }
}

/** A client left hanging (a connection neither answered nor closed) counts as a failure. */
function within(sent: Promise<Outcome>): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<Outcome>((resolve) => {
    timer = setTimeout(
      () => resolve({ error: `nothing within ${CLIENT_WAIT_MS} ms`, ms: CLIENT_WAIT_MS }),
      CLIENT_WAIT_MS,
    );
  });
  return Promise.race([sent, hung]).finally(() => clearTimeout(timer));
}

function expectRefusalShape(route: Route, body: string | undefined) {
  const parsed = JSON.parse(body ?? 'null') as unknown;
  if (route.shape === 'anthropic')
    expect(parsed, route.path).toEqual({
      type: 'error',
      error: { type: 'request_too_large', message: expect.stringContaining('larger than') },
    });
  else
    expect(parsed, route.path).toMatchObject({
      error: { type: 'invalid_request_error', code: 'payload_too_large' },
    });
}

describe('a refused body still gets its 413 to clients that keep sending', () => {
  let gateway: TestGateway;
  let link: Awaited<ReturnType<typeof startSlowLink>>;

  beforeAll(async () => {
    gateway = await createTestGateway({ INITIAL_ROOT_TOKEN: API_KEY, BODY_LIMIT_MB: '1' });
    link = await startSlowLink(await gateway.listen());
  });

  afterAll(async () => {
    await link?.close();
    await gateway?.close();
  });

  it.each(ROUTES)(
    '$path: node:http and fetch, Content-Length and chunked, all get the 413',
    async (route) => {
      const url = `${link.url}${route.path}`;
      const clients = {
        'node:http, Content-Length': sendWithNodeHttp(url, route, false),
        'node:http, chunked': sendWithNodeHttp(url, route, true),
        'fetch, Content-Length': sendWithFetch(url, route, false),
        'fetch, chunked': sendWithFetch(url, route, true),
      };
      const outcomes = Object.fromEntries(
        await Promise.all(
          Object.entries(clients).map(async ([name, sent]) => [name, await within(sent)] as const),
        ),
      );
      // Every client at once, so that a failure shows them all.
      const seen = (outcome: Outcome) => outcome.error ?? outcome.status;
      expect(
        Object.fromEntries(Object.entries(outcomes).map(([name, o]) => [name, seen(o)])),
      ).toEqual(Object.fromEntries(Object.keys(outcomes).map((name) => [name, 413])));
      for (const outcome of Object.values(outcomes)) expectRefusalShape(route, outcome.body);
      reportFigure(
        `refused 20 MiB body on ${route.path}: ${Object.entries(outcomes)
          .map(([name, outcome]) => `${name} 413 after ${outcome.ms} ms`)
          .join(', ')}`,
      );
    },
    TEST_TIMEOUT_MS,
  );
});
