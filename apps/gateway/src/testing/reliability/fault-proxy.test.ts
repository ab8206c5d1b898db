import {
  type AddressInfo,
  createConnection,
  createServer,
  type Server,
  type Socket,
} from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FaultProxy, startFaultProxy } from './fault-proxy';

/** A client socket through the proxy that collects what it receives. */
async function connect(proxy: FaultProxy) {
  const socket = createConnection({ host: proxy.host, port: proxy.port });
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  let received = '';
  socket.on('data', (chunk) => {
    received += chunk.toString();
  });
  const closed = new Promise<string>((resolve) => {
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    socket.on('close', () => resolve('closed'));
  });
  return { socket, received: () => received, closed };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('fault proxy', () => {
  let echo: Server;
  let proxy: FaultProxy | undefined;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    echo = createServer((socket) => socket.pipe(socket));
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.destroy();
    await proxy?.close();
  });
  afterAll(() => new Promise<void>((resolve) => echo.close(() => resolve())));

  const start = async (options = {}) => {
    proxy = await startFaultProxy(
      { host: '127.0.0.1', port: (echo.address() as AddressInfo).port },
      options,
    );
    return proxy;
  };
  const open = async () => {
    const client = await connect(proxy!);
    sockets.push(client.socket);
    return client;
  };

  it('passes bytes both ways, then delays each chunk both ways', async () => {
    await start();
    const client = await open();
    client.socket.write('ping');
    await expect.poll(client.received).toBe('ping');
    proxy!.setMode({ kind: 'delay', ms: 150 });
    const started = performance.now();
    client.socket.write('-again');
    await expect.poll(client.received, { timeout: 2000, interval: 10 }).toBe('ping-again');
    // 150 ms to the echo server and 150 ms back.
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('holds bytes in a blackhole and delivers them when the route comes back', async () => {
    await start({ mode: { kind: 'blackhole' } });
    const client = await open();
    client.socket.write('held');
    await sleep(200);
    expect(client.received()).toBe('');
    proxy!.setMode({ kind: 'pass' });
    await expect.poll(client.received).toBe('held');
  });

  it('resets open connections and refuses new ones while in reset mode', async () => {
    await start();
    const client = await open();
    proxy!.setMode({ kind: 'reset' });
    expect(await client.closed).toBe('ECONNRESET');
    expect(proxy!.connections()).toBe(0);
    const late = createConnection({ host: proxy!.host, port: proxy!.port });
    sockets.push(late);
    const outcome = await new Promise<string>((resolve) => {
      late.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      late.on('close', () => resolve('closed'));
    });
    expect(outcome).toBe('ECONNRESET');
    proxy!.setMode({ kind: 'pass' });
    const again = await open();
    again.socket.write('back');
    await expect.poll(again.received).toBe('back');
  });

  it('rewrites a DSN to go through it', async () => {
    await start();
    expect(proxy!.proxiedUrl('mysql://root@db.internal:3306/test')).toBe(
      `mysql://root@127.0.0.1:${proxy!.port}/test`,
    );
  });

  it('closes itself at the end of its lifetime', async () => {
    await start({ lifetimeMs: 100 });
    const client = await open();
    expect(await client.closed).toBe('closed');
  });

  const redisUrl = process.env.TEST_REDIS_URL;
  it.skipIf(!redisUrl)(
    `carries Redis's protocol${redisUrl ? '' : ' (skipped: TEST_REDIS_URL is not set)'}`,
    async () => {
      const target = new URL(redisUrl!);
      proxy = await startFaultProxy({ host: target.hostname, port: Number(target.port || 6379) });
      const client = await open();
      client.socket.write('PING\r\n');
      await expect.poll(client.received).toBe('+PONG\r\n');
    },
  );
});
