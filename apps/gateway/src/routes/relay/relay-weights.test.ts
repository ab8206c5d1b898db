import { readFileSync } from 'node:fs';
import { type FixtureServer, startFixtureServer } from '@oneapi/adapters/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestGateway,
  jsonRequest,
  type TestGateway,
} from '../../testing/create-test-gateway';

const completion = readFileSync(
  new URL('./__fixtures__/chat-completion-text.json', import.meta.url),
  'utf8',
);
const ROOT = { authorization: 'Bearer root-access-token' };
const API_KEY = 'sk-roottoken1234567890';
const REQUESTS = 400;
// Chi-square for 1 degree of freedom at p = 1e-6: the gateway draws with Math.random, so the
// bound is loose enough never to flake in practice, while the +10 smoothing the router used
// to add (3:1 served as 13:11, chi-square near 100) stays far beyond it.
const CHI_SQUARE_BOUND = 23.93;

// Channel weights set through the admin API are the shares the relay serves, 3:1 as set.
describe('channel weights through the relay', () => {
  let gateway: TestGateway;
  let heavy: FixtureServer;
  let light: FixtureServer;

  beforeAll(async () => {
    heavy = await startFixtureServer(() => ({ body: completion }));
    light = await startFixtureServer(() => ({ body: completion }));
    gateway = await createTestGateway({
      INITIAL_ROOT_ACCESS_TOKEN: 'root-access-token',
      INITIAL_ROOT_TOKEN: API_KEY,
      TOKEN_CONCURRENCY_LIMIT: '0',
    });
    for (const [name, upstream, weight] of [
      ['heavy', heavy, 3],
      ['light', light, 1],
    ] as const) {
      const created = await gateway.app.request(
        '/api/channels',
        jsonRequest(
          'POST',
          {
            type: 'openai',
            name,
            key: `sk-${name}`,
            baseUrl: upstream.url,
            allowPrivateNetwork: true,
            models: ['gpt-4o'],
            weight,
          },
          ROOT,
        ),
      );
      expect(created.status).toBe(201);
    }
    const topUp = await gateway.app.request(
      '/api/users/1/quota',
      jsonRequest(
        'POST',
        { amount: 100_000_000, idempotencyKey: 'weights-credit', reason: 'test' },
        ROOT,
      ),
    );
    expect(topUp.status).toBe(201);
  });

  afterAll(async () => {
    await gateway?.close();
    await heavy?.close();
    await light?.close();
  });

  it('serves 400 chats 3:1 between channels of weight 3 and 1 (chi-square)', async () => {
    for (let sent = 0; sent < REQUESTS; sent += 20) {
      const batch = Array.from({ length: 20 }, () =>
        gateway.app.request(
          '/v1/chat/completions',
          jsonRequest(
            'POST',
            { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] },
            { authorization: `Bearer ${API_KEY}` },
          ),
        ),
      );
      for (const response of await Promise.all(batch)) expect(response.status).toBe(200);
    }
    const [observedHeavy, observedLight] = [heavy.requests.length, light.requests.length];
    expect(observedHeavy + observedLight).toBe(REQUESTS);
    const chiSquare =
      (observedHeavy - REQUESTS * 0.75) ** 2 / (REQUESTS * 0.75) +
      (observedLight - REQUESTS * 0.25) ** 2 / (REQUESTS * 0.25);
    expect(chiSquare, `served ${observedHeavy}:${observedLight}`).toBeLessThan(CHI_SQUARE_BOUND);
  });
});
