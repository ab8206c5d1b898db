import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchThrough } from './upstream-fetch';

// The answers of fetchThrough keep undici's Node stream until a web body is asked for
// (node-body-response.ts): read either way, they must behave as a fetch Response does.
describe('answers read from the Node stream', () => {
  const ANSWER = JSON.stringify({ text: 'ünïcode 🎉 '.repeat(20_000) });
  let silentClosed = false;
  const server = createServer((incoming, outgoing) => {
    if (incoming.url === '/silent') {
      // A stream that sends one event and then nothing: the upstream that went quiet.
      outgoing.writeHead(200, { 'content-type': 'text/event-stream' });
      outgoing.flushHeaders();
      setTimeout(() => outgoing.write('data: {}\n\n'), 20);
      outgoing.on('close', () => {
        silentClosed = true;
      });
      return;
    }
    if (incoming.url === '/cut') {
      // Declares more than it sends, then drops the connection: a body cut short.
      outgoing.writeHead(200, { 'content-length': String(Buffer.byteLength(ANSWER)) });
      outgoing.write(ANSWER.slice(0, 1000));
      setTimeout(() => outgoing.destroy(), 20);
      return;
    }
    outgoing.writeHead(200, { 'content-type': 'application/json', 'x-answer': 'yes' });
    // In pieces that split characters, as a socket delivers a long answer.
    const bytes = Buffer.from(ANSWER);
    for (let at = 0; at < bytes.length; at += 4097) outgoing.write(bytes.subarray(at, at + 4097));
    outgoing.end();
  });
  const agent = new Agent();
  const send = fetchThrough(agent);
  let origin: string;

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await agent.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('reads the text and JSON whole, once, with the status and headers', async () => {
    const response = await send(`${origin}/answer`);
    expect(response).toBeInstanceOf(Response);
    expect([response.status, response.ok, response.headers.get('x-answer')]).toEqual([
      200,
      true,
      'yes',
    ]);
    expect(response.bodyUsed).toBe(false);
    expect(await response.text()).toBe(ANSWER);
    expect(response.bodyUsed).toBe(true);
    await expect(response.text()).rejects.toThrow(TypeError);

    expect(await (await send(`${origin}/answer`)).json()).toEqual(JSON.parse(ANSWER));
    const bytes = await (await send(`${origin}/answer`)).arrayBuffer();
    expect(Buffer.from(bytes).toString('utf8')).toBe(ANSWER);
  });

  it('gives a web stream of the same bytes when the body is asked for', async () => {
    const response = await send(`${origin}/answer`);
    const body = response.body;
    expect(body).toBeInstanceOf(ReadableStream);
    const chunks: Uint8Array[] = [];
    for await (const chunk of body as ReadableStream<Uint8Array>) chunks.push(chunk);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(ANSWER);
    expect(response.bodyUsed).toBe(true);

    const cloned = (await send(`${origin}/answer`)).clone();
    expect(await cloned.text()).toBe(ANSWER);
  });

  it('rejects a body cut short rather than answering part of it', async () => {
    const response = await send(`${origin}/cut`);
    await expect(response.text()).rejects.toThrow();
  });

  it('closes the connection when the web body is cancelled while a read waits', async () => {
    const reader = (await send(`${origin}/silent`)).body!.getReader();
    expect((await reader.read()).done).toBe(false);
    // The next read waits on a silent upstream; the caller leaves meanwhile.
    const waiting = reader.read();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await reader.cancel();
    expect((await waiting).done).toBe(true);
    await expect.poll(() => silentClosed, { timeout: 2_000 }).toBe(true);
  }, 10_000);
});
