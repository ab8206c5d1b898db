import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestGateway, jsonRequest, type TestGateway } from '../testing/create-test-gateway';

const relayHeaders = { authorization: 'Bearer sk-roottoken1234567890' };
const env = {
  INITIAL_ROOT_ACCESS_TOKEN: 'root-access-token',
  INITIAL_ROOT_TOKEN: 'sk-roottoken1234567890',
};

describe('rate limits', () => {
  const gateways: TestGateway[] = [];
  afterAll(async () => {
    for (const gateway of gateways) await gateway.close();
  });
  const start = async (extra: Record<string, string>) => {
    const gateway = await createTestGateway({ ...env, ...extra });
    gateways.push(gateway);
    return gateway;
  };
  // No channel serves this model, so each call stops after the limit check with a 503.
  const chat = (gateway: TestGateway) =>
    gateway.app.request(
      '/v1/chat/completions',
      jsonRequest('POST', { model: 'm', messages: [{ role: 'user', content: 'x' }] }, relayHeaders),
    );

  it('answers over-limit relay calls with an OpenAI 429, Retry-After and x-ratelimit headers', async () => {
    const gateway = await start({ RATE_LIMIT_TOKEN_RPM: '2' });
    const first = await chat(gateway);
    expect(first.headers.get('x-ratelimit-limit-requests')).toBe('2');
    expect(first.headers.get('x-ratelimit-remaining-requests')).toBe('1');
    await chat(gateway);
    const third = await chat(gateway);
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await third.json()).toMatchObject({ error: { code: 'rate_limited' } });
  });

  it('limits sign-in attempts per client address', async () => {
    const gateway = await start({ LOGIN_RATE_LIMIT: '3' });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const response = await gateway.app.request(
        '/api/auth/login',
        jsonRequest('POST', { username: `u${i}`, password: 'x' }),
      );
      statuses.push(response.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  const redisUrl = process.env.TEST_REDIS_URL;
  it.skipIf(!redisUrl)(
    `shares a token's RPM between two instances through Redis${redisUrl ? '' : ' (skipped: TEST_REDIS_URL is not set)'}`,
    async () => {
      const shared = {
        RATE_LIMIT_TOKEN_RPM: '3',
        REDIS_CONN_STRING: redisUrl!,
        REDIS_KEY_PREFIX: `test-${randomBytes(4).toString('hex')}:`,
      };
      const one = await start(shared);
      const two = await start(shared);
      const statuses = [];
      for (const gateway of [one, two, one, two, one]) statuses.push((await chat(gateway)).status);
      expect(statuses.filter((status) => status === 429)).toHaveLength(2);
    },
  );
});
