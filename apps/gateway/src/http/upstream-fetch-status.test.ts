import { once } from 'node:events';
import { type AddressInfo, createServer, type Socket } from 'node:net';
import { Agent } from 'undici';
import { describe, expect, it } from 'vitest';
import { fetchThrough } from './upstream-fetch';

// An upstream status no Response can carry (HTTP parsers take any three digits) fails the call
// as a network failure, and lets the connection go rather than leave its body unread.
describe('fetchThrough with a status outside 200-599', () => {
  it('rejects as fetch does for a network failure, naming the status, and closes the connection', async () => {
    const sockets: Socket[] = [];
    const closed: Promise<unknown>[] = [];
    const server = createServer((socket) => {
      sockets.push(socket);
      closed.push(once(socket, 'close'));
      // A body that never ends: only a client that lets it go closes this connection.
      socket.once('data', () =>
        socket.write(
          'HTTP/1.1 600 Odd\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n2\r\n{}\r\n',
        ),
      );
    });
    const agent = new Agent();
    try {
      await once(server.listen(0, '127.0.0.1'), 'listening');
      const { port } = server.address() as AddressInfo;
      const failure = await fetchThrough(agent)(`http://127.0.0.1:${port}/v1/chat/completions`, {
        method: 'POST',
        body: '{}',
      }).then(
        () => undefined,
        (error: unknown) => error as TypeError & { cause: Error },
      );
      expect(failure).toBeInstanceOf(TypeError);
      expect(failure?.message).toBe('fetch failed');
      expect(failure?.cause.message).toContain('status 600');
      expect(sockets).toHaveLength(1);
      // The client's side closed it; the server would have kept it open.
      await closed[0];
    } finally {
      for (const socket of sockets) socket.destroy();
      await agent.close();
      server.close();
    }
  });
});
