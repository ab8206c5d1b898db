import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetchImage } from '@oneapi/adapters';
import { Agent, buildConnector } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchThrough } from './upstream-fetch';

/*
 * The adapters fetch image URLs through the gateway's upstream fetch, which follows no
 * redirect (undici.request). fetchImage follows them itself, checking every hop before it is
 * fetched. Here the test's public names all lead to one local server.
 */

const PNG = Buffer.from('89504e470d0a1a0a', 'hex');

describe('fetchImage over the upstream fetch', () => {
  let port = 0;
  const hits: string[] = [];
  const server = createServer((request, response) => {
    hits.push(`${request.headers.host?.split(':')[0]}${request.url}`);
    const redirects: Record<string, string> = {
      '/to-cdn': `http://cdn.test:${port}/cat.png`,
      '/to-metadata': 'http://169.254.169.254/latest/meta-data/',
      '/to-private-name': `http://private.test:${port}/cat.png`,
    };
    const location = redirects[request.url ?? ''];
    if (location) {
      response.writeHead(307, { location });
      response.end();
      return;
    }
    response.writeHead(200, { 'content-type': 'image/png' });
    response.end(PNG);
  });
  // Every connection goes to the local server, whatever the name (as a public host would).
  const connect = buildConnector({});
  const agent = new Agent({
    connect: (options, callback) => connect({ ...options, hostname: '127.0.0.1' }, callback),
  });
  const options = {
    fetch: fetchThrough(agent),
    resolve: async (host: string) =>
      host === 'private.test' ? ['10.0.0.7'] : host.endsWith('.test') ? ['203.0.113.10'] : [],
  };

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await agent.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('follows an allowed redirect itself, one checked hop at a time', async () => {
    hits.length = 0;
    const image = await fetchImage(`http://images.test:${port}/to-cdn`, options);
    expect(image).toEqual({ mediaType: 'image/png', base64: PNG.toString('base64') });
    expect(hits).toEqual(['images.test/to-cdn', 'cdn.test/cat.png']);
  });

  it('refuses a redirect to a private address without fetching it', async () => {
    for (const path of ['/to-metadata', '/to-private-name']) {
      hits.length = 0;
      await expect(fetchImage(`http://images.test:${port}${path}`, options)).rejects.toMatchObject({
        code: 'invalid_request',
      });
      expect(hits).toEqual([`images.test${path}`]);
    }
  });
});
