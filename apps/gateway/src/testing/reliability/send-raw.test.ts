import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendRaw } from './send-raw';

describe('sendRaw', () => {
  // Answers 413 at once without reading, then cuts the connection, as a gateway would.
  const server = createServer((incoming, outgoing) => {
    outgoing.writeHead(413, { 'content-type': 'application/json' }).end('{"too":"big"}');
    setTimeout(() => incoming.socket.destroy(), 50);
  });
  let url: string;
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('hands over an early answer to a body that is still being sent, and stops sending', async () => {
    let pieces = 0;
    const reply = await sendRaw(url, {
      method: 'POST',
      headers: {},
      body: async function* () {
        for (; pieces < 10_000; pieces++) yield new Uint8Array(64 * 1024);
      },
    });
    expect(reply).toMatchObject({ status: 413, text: '{"too":"big"}' });
    expect(reply.headers.get('content-type')).toBe('application/json');
    expect(pieces).toBeLessThan(10_000);
  });
});
