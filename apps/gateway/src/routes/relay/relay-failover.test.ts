import { readFileSync } from 'node:fs';
import { type FixtureServer, startFixtureServer } from '@oneapi/adapters/testing';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestGateway,
  jsonRequest,
  type TestGateway,
} from '../../testing/create-test-gateway';

const fixture = (name: string) =>
  readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const root = { authorization: 'Bearer root-access-token' };

// Two channels for one model: the higher-priority one fails, the request is served by the
// other, and only the successful attempt is billed.
describe('relay failover through the router', () => {
  let gateway: TestGateway;
  let failing: FixtureServer;
  let healthy: FixtureServer;
  let deadKey: FixtureServer;
  let sdk: OpenAI;

  beforeAll(async () => {
    failing = await startFixtureServer(() => ({
      status: 503,
      body: '{"error":{"message":"overloaded"}}',
    }));
    deadKey = await startFixtureServer(() => ({
      status: 401,
      body: fixture('error-401-invalid-api-key.json'),
    }));
    healthy = await startFixtureServer(() => ({ body: fixture('chat-completion-text.json') }));
    gateway = await createTestGateway({
      INITIAL_ROOT_ACCESS_TOKEN: 'root-access-token',
      INITIAL_ROOT_TOKEN: 'sk-roottoken1234567890',
    });
    const base = await gateway.listen();
    const channel = (name: string, url: string, priority: number) =>
      fetch(
        `${base}/api/channels`,
        jsonRequest(
          'POST',
          {
            type: 'openai',
            name,
            key: `sk-${name}`,
            baseUrl: url,
            allowPrivateNetwork: true,
            models: ['gpt-4o-mini'],
            priority,
          },
          root,
        ),
      );
    expect((await channel('failing', failing.url, 20)).status).toBe(201);
    expect((await channel('dead-key', deadKey.url, 10)).status).toBe(201);
    expect((await channel('healthy', healthy.url, 0)).status).toBe(201);
    await fetch(
      `${base}/api/users/1/quota`,
      jsonRequest(
        'POST',
        { amount: 1_000_000, idempotencyKey: 'root-credit', reason: 'test' },
        root,
      ),
    );
    sdk = new OpenAI({ apiKey: 'sk-roottoken1234567890', baseURL: `${base}/v1`, maxRetries: 0 });
  });

  afterAll(async () => {
    await gateway?.close();
    await Promise.all([failing?.close(), healthy?.close(), deadKey?.close()]);
  });

  it('fails over before the first byte and bills only the attempt that answered', async () => {
    const completion = await sdk.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(completion.choices[0]?.message.content).toBeTruthy();
    expect(failing.requests).toHaveLength(1);
    expect(deadKey.requests).toHaveLength(1);
    expect(healthy.requests).toHaveLength(1);
    const { items } = await gateway.services.storage.repositories.logs.list({ type: 'consume' });
    expect(items).toHaveLength(1);
    const channels = (await gateway.services.storage.repositories.channels.listAll()).map(
      (c) => [c.name, c.id] as const,
    );
    const id = Object.fromEntries(channels);
    expect(items[0]).toMatchObject({ channelId: id.healthy, status: 200 });
    expect(items[0]?.attempts?.map((attempt) => attempt.channelId)).toEqual([
      id.failing,
      id['dead-key'],
      id.healthy,
    ]);
  });

  it('auto-disables a channel whose only key is dead, and the database says why', async () => {
    await expect
      .poll(async () => {
        const channels = await gateway.services.storage.repositories.channels.listAll();
        return channels.find((channel) => channel.name === 'dead-key');
      })
      .toMatchObject({ status: 'auto_disabled', statusReason: expect.stringMatching(/key/) });
    const before = deadKey.requests.length;
    await sdk.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'again' }],
    });
    expect(deadKey.requests.length).toBe(before);
  });
});

// RETRY_TIMES=0: the first failure is the answer; no other channel is tried.
describe('relay with RETRY_TIMES=0', () => {
  let gateway: TestGateway;
  let failing: FixtureServer;
  let healthy: FixtureServer;
  let base: string;

  beforeAll(async () => {
    failing = await startFixtureServer(() => ({
      status: 503,
      body: '{"error":{"message":"overloaded"}}',
    }));
    healthy = await startFixtureServer(() => ({ body: fixture('chat-completion-text.json') }));
    gateway = await createTestGateway({
      INITIAL_ROOT_ACCESS_TOKEN: 'root-access-token',
      INITIAL_ROOT_TOKEN: 'sk-roottoken1234567890',
      RETRY_TIMES: '0',
    });
    base = await gateway.listen();
    for (const [name, upstream, priority] of [
      ['failing', failing, 20],
      ['healthy', healthy, 0],
    ] as const) {
      const created = await fetch(
        `${base}/api/channels`,
        jsonRequest(
          'POST',
          {
            type: 'openai',
            name,
            key: `sk-${name}`,
            baseUrl: upstream.url,
            allowPrivateNetwork: true,
            models: ['gpt-4o-mini'],
            priority,
          },
          root,
        ),
      );
      expect(created.status).toBe(201);
    }
    await fetch(
      `${base}/api/users/1/quota`,
      jsonRequest(
        'POST',
        { amount: 1_000_000, idempotencyKey: 'root-credit', reason: 'test' },
        root,
      ),
    );
  });

  afterAll(async () => {
    await gateway?.close();
    await Promise.all([failing?.close(), healthy?.close()]);
  });

  it('answers the first channel’s error and never tries the second', async () => {
    const response = await fetch(
      `${base}/v1/chat/completions`,
      jsonRequest(
        'POST',
        { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] },
        { authorization: 'Bearer sk-roottoken1234567890' },
      ),
    );
    expect(response.status).toBeGreaterThanOrEqual(500);
    expect(await response.json()).toMatchObject({ error: { message: expect.any(String) } });
    expect(failing.requests).toHaveLength(1);
    expect(healthy.requests).toHaveLength(0);
  });
});
