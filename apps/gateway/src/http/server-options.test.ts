import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { connect } from 'node:net';
import { Writable } from 'node:stream';
import { type FixtureServer, startFixtureServer } from '@oneapi/adapters/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { createLogger } from '../log/create-logger';
import { createTestGateway, jsonRequest, type TestGateway } from '../testing/create-test-gateway';
import { createServerOptions } from './server-options';

const stream = readFileSync(
  new URL('../routes/relay/__fixtures__/chat-stream-include-usage.sse', import.meta.url),
  'utf8',
);
const API_KEY = 'sk-roottoken1234567890';

/** Opens a raw connection, sends `bytes` and then nothing; resolves with what came back once closed. */
function sendAndStall(url: string, bytes: string) {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  socket.write(bytes);
  let received = '';
  socket.on('data', (chunk) => {
    received += chunk.toString('latin1');
  });
  const started = Date.now();
  const closed = new Promise<{ received: string; afterMs: number }>((resolve) => {
    socket.on('close', () => resolve({ received, afterMs: Date.now() - started }));
    socket.on('error', () => {});
  });
  return { socket, closed };
}

describe('createServerOptions', () => {
  it('turns HEADERS_TIMEOUT and REQUEST_TIMEOUT (defaults 20 s, 120 s) into node:http options', () => {
    expect(createServerOptions(loadConfig({}))).toEqual({
      headersTimeout: 20_000,
      requestTimeout: 120_000,
      keepAliveTimeout: 65_000,
      connectionsCheckingInterval: 1_000,
    });
    expect(
      createServerOptions(loadConfig({ HEADERS_TIMEOUT: '5', REQUEST_TIMEOUT: '30' })),
    ).toMatchObject({
      headersTimeout: 5_000,
      requestTimeout: 30_000,
    });
  });

  it('refuses a headers timeout longer than the request timeout, as node:http would', () => {
    expect(() => loadConfig({ REQUEST_TIMEOUT: '10' })).toThrow(/HEADERS_TIMEOUT/);
    expect(() => createServer({ headersTimeout: 20_000, requestTimeout: 10_000 })).toThrow();
  });
});

// Over real sockets against a listening gateway with one-second timeouts. The bounds are
// generous: Node checks the timeouts once a second, so one fires within about two.
describe('slow clients', () => {
  let gateway: TestGateway;
  let upstream: FixtureServer;
  const logLines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });

  beforeAll(async () => {
    // A stream that lasts well past REQUEST_TIMEOUT: three pieces, 1.2 s apart.
    upstream = await startFixtureServer(() => ({
      headers: { 'content-type': 'text/event-stream' },
      body: stream,
      splitAt: [stream.indexOf('\n\n') + 2, Math.floor(stream.length / 2)],
      delayMs: 1_200,
    }));
    gateway = await createTestGateway(
      {
        INITIAL_ROOT_ACCESS_TOKEN: 'root-access-token',
        INITIAL_ROOT_TOKEN: API_KEY,
        HEADERS_TIMEOUT: '1',
        REQUEST_TIMEOUT: '1',
      },
      { logger: createLogger({ level: 'info', destination }) },
    );
    await gateway.listen();
    const root = { authorization: 'Bearer root-access-token' };
    const created = await fetch(
      `${gateway.url}/api/channels`,
      jsonRequest(
        'POST',
        {
          type: 'openai',
          name: 'slow',
          key: 'k',
          baseUrl: upstream.url,
          allowPrivateNetwork: true,
          models: ['gpt-4o'],
        },
        root,
      ),
    );
    expect(created.status).toBe(201);
    const topUp = await fetch(
      `${gateway.url}/api/users/1/quota`,
      jsonRequest('POST', { amount: 100_000, idempotencyKey: 'root-credit', reason: 'test' }, root),
    );
    expect(topUp.status).toBe(201);
  });

  afterAll(async () => {
    await gateway?.close();
    await upstream?.close();
  });

  it('answers a client that stops mid-headers with 408 and keeps serving others', async () => {
    const slow = sendAndStall(
      gateway.url,
      'POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Ty',
    );
    const health = await fetch(`${gateway.url}/healthz`);
    expect(health.status).toBe(200);
    expect(slow.socket.closed).toBe(false);
    const { received, afterMs } = await slow.closed;
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
    expect(afterMs).toBeLessThan(5_000);
  });

  it('closes a connection that never sends a byte', async () => {
    const { received, afterMs } = await sendAndStall(gateway.url, '').closed;
    expect(received === '' || received.startsWith('HTTP/1.1 408')).toBe(true);
    expect(afterMs).toBeLessThan(5_000);
  });

  it('answers a client that stops mid-body with 408, and logs no internal error', async () => {
    const slow = sendAndStall(
      gateway.url,
      `POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${API_KEY}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"model":`,
    );
    const { received, afterMs } = await slow.closed;
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
    expect(afterMs).toBeLessThan(5_000);
    expect((await fetch(`${gateway.url}/healthz`)).status).toBe(200);
    const requestLog = logLines.map((line) => JSON.parse(line)).filter((l) => l.method === 'POST');
    expect(requestLog.at(-1)).toMatchObject({ path: '/v1/chat/completions', status: 400 });
    expect(logLines.join('')).not.toContain('unhandled error');
  });

  it('does not cut a streamed response that lasts longer than REQUEST_TIMEOUT', async () => {
    const started = Date.now();
    const response = await fetch(
      `${gateway.url}/v1/chat/completions`,
      jsonRequest(
        'POST',
        { model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: 'x' }] },
        { authorization: `Bearer ${API_KEY}` },
      ),
    );
    expect(response.status).toBe(200);
    const text = await response.text();
    // Two checks at least ran while the response was going out.
    expect(Date.now() - started).toBeGreaterThan(2_000);
    expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true);
  });
});
