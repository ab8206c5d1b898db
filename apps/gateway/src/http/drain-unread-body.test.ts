import type { AddressInfo } from 'node:net';
import { connect, type Socket } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { drainUnreadBody } from './drain-unread-body';
import { createServeOptions } from './server-options';

const KiB = 1024;
const MiB = 1024 * KiB;
const LIMITS = { maxBytes: 1 * MiB, maxMs: 300 };

/** A raw connection: what the server sent, and when it closed (ms after `started`). */
function openConnection(port: number) {
  const socket = connect(port, '127.0.0.1');
  const started = performance.now();
  let received = '';
  let written = 0;
  socket.on('data', (chunk) => {
    received += chunk.toString('latin1');
  });
  socket.on('error', () => {});
  const closed = new Promise<number>((resolve) =>
    socket.on('close', () => resolve(performance.now() - started)),
  );
  return {
    socket,
    closed,
    received: () => received,
    written: () => written,
    write(bytes: string | Uint8Array) {
      written += bytes.length;
      return socket.write(bytes);
    },
  };
}

const refusedPost = (contentLength: number) =>
  `POST /refuse HTTP/1.1\r\nHost: x\r\nContent-Length: ${contentLength}\r\n\r\n`;

/** Writes as fast as the socket takes it until it closes. */
async function flood(connection: ReturnType<typeof openConnection>, socket: Socket) {
  const piece = new Uint8Array(64 * KiB);
  while (!socket.destroyed) {
    if (!connection.write(piece))
      await Promise.race([
        new Promise((resolve) => socket.once('drain', resolve)),
        connection.closed,
      ]);
  }
}

// The refusal is answered before the body is read; the caps bound what is read after it.
describe('drainUnreadBody', () => {
  let server: ReturnType<typeof serve>;
  let port: number;

  beforeAll(async () => {
    const app = new Hono();
    app.use(drainUnreadBody(LIMITS));
    app.post('/refuse', (c) => c.json({ error: 'too large' }, 413));
    app.get('/ok', (c) => c.text('ok'));
    await new Promise<void>((resolve) => {
      server = serve(
        { fetch: app.fetch, port: 0, hostname: '127.0.0.1', ...createServeOptions(loadConfig({})) },
        () => resolve(),
      );
    });
    port = (server.address() as AddressInfo).port;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('reads a refused body to its end and keeps the connection for the next request', async () => {
    const connection = openConnection(port);
    // Under maxBytes, in pieces, the way a client writing past the answer sends it.
    connection.write(refusedPost(LIMITS.maxBytes / 2));
    for (let i = 0; i < 8; i++) connection.write(new Uint8Array(LIMITS.maxBytes / 16));
    connection.write('GET /ok HTTP/1.1\r\nHost: x\r\n\r\n');
    const deadline = Date.now() + 5_000;
    while (!connection.received().endsWith('ok') && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(connection.received()).toMatch(/^HTTP\/1\.1 413 [\s\S]*HTTP\/1\.1 200 [\s\S]*ok$/);
    connection.socket.destroy();
  });

  it('closes the connection once maxBytes past the answer are read', async () => {
    const connection = openConnection(port);
    connection.write(refusedPost(1024 * MiB));
    await flood(connection, connection.socket);
    const closedAfterMs = await connection.closed;
    expect(connection.received()).toMatch(/^HTTP\/1\.1 413 /);
    // The cap plus what the two sockets' buffers held: far from the gigabyte announced.
    expect(connection.written()).toBeGreaterThan(LIMITS.maxBytes);
    expect(connection.written()).toBeLessThan(64 * MiB);
    expect(closedAfterMs).toBeLessThan(LIMITS.maxMs + 2_000);
  });

  it('closes the connection maxMs after the answer when the client keeps dripping', async () => {
    const connection = openConnection(port);
    connection.write(refusedPost(1024 * MiB));
    const drip = setInterval(() => connection.write(new Uint8Array(KiB)), 20);
    const closedAfterMs = await connection.closed;
    clearInterval(drip);
    expect(connection.received()).toMatch(/^HTTP\/1\.1 413 /);
    expect(closedAfterMs).toBeGreaterThanOrEqual(LIMITS.maxMs);
    expect(closedAfterMs).toBeLessThan(LIMITS.maxMs + 2_000);
  });
});
