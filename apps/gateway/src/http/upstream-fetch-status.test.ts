import type { AddressInfo } from 'node:net';
import { createServer, type Socket } from 'node:net';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchThrough } from './upstream-fetch';

// An upstream status no Response can carry (HTTP parsers take any three digits) fails the call
// as a network failure, and lets the connection go rather than leave its body unread.
describe('fetchThrough with a status outside 200-599', () => {
  const sockets: Socket[] = [];
  const closed: Promise<void>[] = [];
  const server = createServer((socket) => {
    sockets.push(socket);
    closed.push(new Promise((resolve) => socket.on('close', () => resolve())));
    socket.once('data', () => {
      // A body that never ends: only a client that lets it go closes this connection.
      socket.write(
        'HTTP/1.1 600 Odd\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n2\r\n{}\r\n',
      );
    });
  });
  const agent = new Agent();
  let url: string;

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/chat/completions`;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await agent.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('rejects as fetch does for a network failure, naming the status, and closes the connection', async () => {
    const send = fetchThrough(agent);
    const failure = await send(url, { method: 'POST', body: '{}' }).then(
      () => undefined,
      (error: unknown) => error as TypeError & { cause: Error },
    );
    expect(failure).toBeInstanceOf(TypeError);
    expect(failure?.message).toBe('fetch failed');
    expect(failure?.cause.message).toContain('status 600');
    expect(sockets).toHaveLength(1);
    await closed[0];
  });
});
