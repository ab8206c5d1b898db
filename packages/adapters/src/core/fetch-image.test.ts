import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchImage } from './fetch-image';

const PNG = Buffer.from('89504e470d0a1a0a', 'hex');

describe('fetchImage', () => {
  let base: string;
  let hits = 0;
  const server = createServer((request, response) => {
    hits += 1;
    if (request.url === '/redirect') {
      response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data' });
      response.end();
      return;
    }
    if (request.url === '/big') {
      response.writeHead(200, { 'content-type': 'image/png' });
      response.end(Buffer.alloc(2048));
      return;
    }
    if (request.url === '/html') {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<html>');
      return;
    }
    response.writeHead(200, { 'content-type': 'image/png' });
    response.end(PNG);
  });

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  // The local test server stands in for a public host: its name resolves to a public address.
  const publicName = { resolve: async () => ['93.184.216.34'] };

  it('splits data URLs without any network access', async () => {
    expect(await fetchImage('data:image/gif;base64,R0lG')).toEqual({
      mediaType: 'image/gif',
      base64: 'R0lG',
    });
  });

  it('refuses loopback and private addresses unless the operator allows them', async () => {
    const before = hits;
    await expect(fetchImage(`${base}/cat.png`)).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(fetchImage('http://[::1]/x.png')).rejects.toMatchObject({
      code: 'invalid_request',
    });
    await expect(
      fetchImage('http://metadata.internal/x', { resolve: async () => ['169.254.169.254'] }),
    ).rejects.toThrow(/private/);
    expect(hits).toBe(before);
    expect(await fetchImage(`${base}/cat.png`, { allowPrivateNetwork: true })).toEqual({
      mediaType: 'image/png',
      base64: PNG.toString('base64'),
    });
  });

  it('checks every redirect hop again', async () => {
    const resolve = async (host: string) =>
      host === '169.254.169.254' ? ['169.254.169.254'] : ['93.184.216.34'];
    const url = `${base.replace('127.0.0.1', 'images.example')}/redirect`;
    const viaLoopback = (input: string | URL | Request, init?: RequestInit) =>
      fetch(String(input).replace('images.example', '127.0.0.1'), init);
    await expect(fetchImage(url, { resolve, fetch: viaLoopback })).rejects.toThrow(/private/);
  });

  it('enforces the size cap and the content type', async () => {
    const viaLoopback = (input: string | URL | Request, init?: RequestInit) => fetch(input, init);
    await expect(
      fetchImage(`${base}/big`, { ...publicName, fetch: viaLoopback, maxBytes: 1024 }),
    ).rejects.toThrow(/larger/);
    await expect(fetchImage(`${base}/html`, { ...publicName, fetch: viaLoopback })).rejects.toThrow(
      /not point to an image/,
    );
    await expect(fetchImage('file:///etc/passwd')).rejects.toThrow(/http/);
  });
});
