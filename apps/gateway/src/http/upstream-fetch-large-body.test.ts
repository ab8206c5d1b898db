import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchThrough } from './upstream-fetch';

// A long upstream body is encoded in slices (encode-utf8-in-slices.ts): it must still arrive
// whole, byte for byte, with its length declared rather than chunked.
describe('fetchThrough with a long string body', () => {
  const received: { headers: IncomingHttpHeaders; body: Buffer }[] = [];
  const server = createServer(async (incoming, outgoing) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    received.push({ headers: incoming.headers, body: Buffer.concat(chunks) });
    outgoing.end('{}');
  });
  const agent = new Agent();
  let url: string;

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/chat/completions`;
  });
  afterAll(async () => {
    await agent.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends every byte, with Content-Length, in every script', async () => {
    const send = fetchThrough(agent);
    const body = JSON.stringify({ content: `${'网关 "x" 🎉 \\ '.repeat(120_000)}\ud83d` });
    const response = await send(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(response.status).toBe(200);
    const [request] = received;
    expect(request!.body.equals(Buffer.from(body))).toBe(true);
    expect(request!.headers['content-length']).toBe(String(Buffer.byteLength(body)));
    expect(request!.headers['transfer-encoding']).toBeUndefined();
  });
});
