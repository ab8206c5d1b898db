import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchImage } from './fetch-image';

const PNG = Buffer.from('89504e470d0a1a0a', 'hex');

/** Names the tests treat as public hosts; the fetch below sends them to the local server. */
const PUBLIC_NAMES = ['images.example', 'cdn.example'];

describe('fetchImage', () => {
  let base: string;
  let port = 0;
  const hits: string[] = [];
  const server = createServer((request, response) => {
    hits.push(`${request.headers.host?.split(':')[0]}${request.url}`);
    const redirects: Record<string, string> = {
      '/to-metadata': 'http://169.254.169.254/latest/meta-data',
      '/to-loopback': `http://127.0.0.1:${port}/cat.png`,
      '/to-private-name': `http://private.example:${port}/cat.png`,
      '/to-cdn': `http://cdn.example:${port}/hop`,
      '/hop': '/cat.png',
      '/loop': '/loop',
    };
    const location = redirects[request.url ?? ''];
    if (location) {
      response.writeHead(302, { location });
      response.end('moved');
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
    port = (server.address() as AddressInfo).port;
    base = `http://images.example:${port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const resolve = async (host: string) => {
    if (PUBLIC_NAMES.includes(host)) return ['93.184.216.34'];
    if (host === 'private.example') return ['10.0.0.7'];
    throw new Error(`no such name ${host}`);
  };

  /**
   * A fetch that never follows redirects, as the gateway's does (undici.request): it sends
   * the public test names to the local server, keeping the Host header.
   */
  const manualFetch = (async (input: string | URL | Request) => {
    const url = new URL(String(input));
    return new Promise<Response>((done, fail) => {
      const outgoing = httpRequest(
        { host: '127.0.0.1', port: url.port, path: url.pathname, headers: { host: url.host } },
        (incoming) => {
          const headers = new Headers();
          for (const [name, value] of Object.entries(incoming.headers)) {
            if (typeof value === 'string') headers.set(name, value);
          }
          done(
            new Response(incoming as unknown as ReadableStream, {
              status: incoming.statusCode ?? 500,
              headers,
            }),
          );
        },
      );
      outgoing.on('error', fail);
      outgoing.end();
    });
  }) as typeof fetch;
  const options = { resolve, fetch: manualFetch };

  it('splits data URLs without any network access', async () => {
    expect(await fetchImage('data:image/gif;base64,R0lG')).toEqual({
      mediaType: 'image/gif',
      base64: 'R0lG',
    });
  });

  it('fetches a public image through the fetch it is given', async () => {
    expect(await fetchImage(`${base}/cat.png`, options)).toEqual({
      mediaType: 'image/png',
      base64: PNG.toString('base64'),
    });
  });

  it('refuses loopback, private and metadata addresses in every spelling, with no opt-out', async () => {
    const before = hits.length;
    const asked: string[] = [];
    // A resolver that calls everything public: IP literals must not even be looked up.
    const lenient = {
      fetch: manualFetch,
      resolve: async (host: string) => {
        asked.push(host);
        return ['93.184.216.34'];
      },
    };
    for (const host of [
      '127.0.0.1',
      '127.1',
      '0x7f000001',
      '2130706433',
      '0',
      '10.0.0.1',
      '169.254.169.254',
      '[::1]',
      '[::ffff:127.0.0.1]',
      '[::ffff:a9fe:a9fe]',
      '[fd00::1]',
      '[fe80::1]',
    ]) {
      await expect(fetchImage(`http://${host}:${port}/cat.png`, lenient)).rejects.toMatchObject({
        code: 'invalid_request',
        param: 'messages',
      });
    }
    expect(asked).toEqual([]);
    await expect(fetchImage(`http://private.example:${port}/cat.png`, options)).rejects.toThrow(
      /private/,
    );
    // A name with one public and one private record.
    const mixed = { fetch: manualFetch, resolve: async () => ['93.184.216.34', '127.0.0.1'] };
    await expect(fetchImage(`${base}/cat.png`, mixed)).rejects.toThrow(/private/);
    // The option that used to let a channel's allowPrivateNetwork through is gone; passing
    // it anyway (from plain JavaScript) changes nothing.
    const legacy = { ...options, allowPrivateNetwork: true } as typeof options;
    await expect(fetchImage(`http://127.0.0.1:${port}/cat.png`, legacy)).rejects.toThrow(/private/);
    expect(hits.length).toBe(before);
  });

  it('follows allowed redirects itself with a fetch that follows none, checking each hop', async () => {
    hits.length = 0;
    expect(await fetchImage(`${base}/to-cdn`, options)).toEqual({
      mediaType: 'image/png',
      base64: PNG.toString('base64'),
    });
    // images.example -> cdn.example (absolute) -> /cat.png on cdn.example (relative).
    expect(hits).toEqual(['images.example/to-cdn', 'cdn.example/hop', 'cdn.example/cat.png']);
  });

  it('refuses a redirect to a private address before fetching it', async () => {
    for (const path of ['/to-metadata', '/to-loopback', '/to-private-name']) {
      hits.length = 0;
      await expect(fetchImage(`${base}${path}`, options)).rejects.toThrow(/private/);
      expect(hits).toEqual([`images.example${path}`]);
    }
  });

  it('stops after three redirects', async () => {
    hits.length = 0;
    await expect(fetchImage(`${base}/loop`, options)).rejects.toThrow(/too many/);
    expect(hits).toHaveLength(4);
  });

  it('enforces the size cap and the content type', async () => {
    await expect(fetchImage(`${base}/big`, { ...options, maxBytes: 1024 })).rejects.toThrow(
      /larger/,
    );
    await expect(fetchImage(`${base}/html`, options)).rejects.toThrow(/not point to an image/);
    await expect(fetchImage('file:///etc/passwd')).rejects.toThrow(/http/);
  });
});
