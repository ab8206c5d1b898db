import { Writable } from 'node:stream';
import { type FixtureServer, startFixtureServer } from '@oneapi/adapters/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGateway, jsonRequest, type TestGateway } from '../testing/create-test-gateway';
import { createLogger } from './create-logger';

const UPSTREAM_KEY = 'sk-upstream-canary-77aa';
const GATEWAY_KEY = 'sk-gatewaycanary1234567890';

// Every log line of a request that fails upstream (the upstream echoing its key, as some
// do) is captured and searched for both keys.
describe('logs', () => {
  const lines: string[] = [];
  let gateway: TestGateway;
  let upstream: FixtureServer;

  beforeAll(async () => {
    upstream = await startFixtureServer(() => ({
      status: 401,
      body: JSON.stringify({
        error: { message: `Incorrect API key provided: ${UPSTREAM_KEY}`, code: 'invalid_api_key' },
      }),
    }));
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    gateway = await createTestGateway(
      { INITIAL_ROOT_ACCESS_TOKEN: 'root-access-token', INITIAL_ROOT_TOKEN: GATEWAY_KEY },
      { logger: createLogger({ level: 'debug', destination }) },
    );
    const root = { authorization: 'Bearer root-access-token' };
    await gateway.app.request(
      '/api/channels',
      jsonRequest(
        'POST',
        {
          type: 'openai',
          name: 'c',
          key: UPSTREAM_KEY,
          baseUrl: upstream.url,
          allowPrivateNetwork: true,
          models: ['gpt-4o'],
        },
        root,
      ),
    );
    await gateway.app.request(
      '/api/users/1/quota',
      jsonRequest('POST', { amount: 100_000, idempotencyKey: 'credit-1', reason: 't' }, root),
    );
  });
  afterAll(async () => {
    await gateway?.close();
    await upstream?.close();
  });

  it('writes JSON lines with request ids and never a key', async () => {
    const response = await gateway.app.request(
      '/v1/chat/completions',
      jsonRequest(
        'POST',
        { model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] },
        { authorization: `Bearer ${GATEWAY_KEY}` },
      ),
    );
    expect(response.status).toBeGreaterThanOrEqual(500);
    expect(JSON.stringify(await response.json())).not.toContain(UPSTREAM_KEY);
    const log = lines.join('');
    expect(
      lines.some((line) => JSON.parse(line).msg === 'request' && JSON.parse(line).requestId),
    ).toBe(true);
    expect(log).not.toContain(UPSTREAM_KEY);
    expect(log).not.toContain(GATEWAY_KEY);
  });

  it('masks secrets even when code logs them by mistake', () => {
    const captured: string[] = [];
    const logger = createLogger({
      destination: new Writable({
        write(chunk, _encoding, done) {
          captured.push(String(chunk));
          done();
        },
      }),
    });
    logger.info(
      {
        headers: { authorization: 'Bearer sk-secret', cookie: 'oneapi_session=abc' },
        channel: { apiKey: 'k-1' },
      },
      'oops',
    );
    expect(captured.join('')).not.toMatch(/sk-secret|oneapi_session=abc|k-1/);
  });
});
