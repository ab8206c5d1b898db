import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type FixtureServer, startFixtureServer } from '@oneapi/adapters/testing';
import type { Storage } from '@oneapi/storage';
import { listTestDatabases, type TestStorage } from '@oneapi/storage/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApiKeyAs,
  createTestGateway,
  jsonRequest,
  type TestGateway,
} from '../testing/create-test-gateway';

const mysql = listTestDatabases().find((database) => database.dialect === 'mysql')!;
const redisUrl = process.env.TEST_REDIS_URL;
const skipReason =
  mysql.skipReason ??
  (redisUrl ? undefined : 'TEST_REDIS_URL is not set (e.g. redis://127.0.0.1:6379)');
const fixture = readFileSync(
  new URL('../routes/relay/__fixtures__/chat-completion-text.json', import.meta.url),
  'utf8',
);
const root = { authorization: 'Bearer root-access-token' };

// Two gateways behind one imaginary load balancer: one MariaDB, one Redis. What an admin
// does through one instance must hold on the other within a second, and money stays exact.
describe.skipIf(skipReason)(
  `two instances on MariaDB and Redis${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    let database: TestStorage;
    let secondPool: Storage;
    let upstream: FixtureServer;
    let a: TestGateway;
    let b: TestGateway;
    let apiKey: string;
    let devId: number;

    const chatOn = (gateway: TestGateway) =>
      fetch(
        `${gateway.url}/v1/chat/completions`,
        jsonRequest(
          'POST',
          { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], max_tokens: 50 },
          { authorization: `Bearer ${apiKey}` },
        ),
      );
    const adminOn = async (gateway: TestGateway, method: string, path: string, body: unknown) => {
      const response = await fetch(`${gateway.url}${path}`, jsonRequest(method, body, root));
      expect(response.status).toBeLessThan(300);
      return (await response.json()) as { id: number };
    };

    beforeAll(async () => {
      upstream = await startFixtureServer(() => ({ body: fixture }));
      database = await mysql.create();
      await database.migrate();
      secondPool = await database.connectAgain();
      const env = {
        INITIAL_ROOT_ACCESS_TOKEN: 'root-access-token',
        REDIS_CONN_STRING: redisUrl!,
        REDIS_KEY_PREFIX: `test-${randomBytes(4).toString('hex')}:`,
      };
      const keyEncryptionKey = randomBytes(32);
      // Started together on an empty database: both try to create root, one wins, both start.
      [a, b] = await Promise.all([
        createTestGateway(env, { storage: database, keyEncryptionKey }),
        createTestGateway(env, { storage: secondPool, keyEncryptionKey }),
      ]);
      await a.listen();
      await b.listen();
      ({ id: devId } = await adminOn(a, 'POST', '/api/users', {
        username: 'dev',
        password: 'dev-password',
      }));
      await adminOn(a, 'POST', `/api/users/${devId}/quota`, {
        amount: 1_000_000,
        idempotencyKey: 'multi-instance-grant',
        reason: 'test',
      });
      apiKey = await createApiKeyAs(a.url, { username: 'dev', password: 'dev-password' });
    });

    afterAll(async () => {
      await a?.close();
      await b?.close();
      await secondPool?.close();
      await database?.dispose();
      await upstream?.close();
    });

    it('routes on both instances to a channel created through one of them', async () => {
      // No channel lists the model yet: a final 404 model_not_found.
      expect((await chatOn(b)).status).toBe(404);
      await adminOn(a, 'POST', '/api/channels', {
        type: 'openai',
        name: 'shared',
        key: 'sk-upstream-shared',
        baseUrl: `${upstream.url}/v1`,
        allowPrivateNetwork: true,
        models: ['gpt-4o-mini'],
      });
      await expect.poll(async () => (await chatOn(b)).status, { timeout: 1000 }).toBe(200);
      expect((await chatOn(a)).status).toBe(200);
    });

    it('takes a channel disabled on one instance out of rotation on the other within a second', async () => {
      const [channel] = await a.services.storage.repositories.channels.listAll();
      expect((await chatOn(b)).status).toBe(200);
      await adminOn(a, 'PATCH', `/api/channels/${channel!.id}`, { status: 'manually_disabled' });
      // Its only channel disabled by an admin, the model is served by none: 404.
      await expect.poll(async () => (await chatOn(b)).status, { timeout: 1000 }).toBe(404);
      await adminOn(b, 'PATCH', `/api/channels/${channel!.id}`, { status: 'enabled' });
      await expect.poll(async () => (await chatOn(a)).status, { timeout: 1000 }).toBe(200);
    });

    it('refuses a key disabled on one instance on the other, despite its key cache', async () => {
      expect((await chatOn(b)).status).toBe(200);
      const token = (await a.services.storage.repositories.tokens.list({ userId: devId }))
        .items[0]!;
      await adminOn(a, 'PATCH', `/api/tokens/${token.id}`, { status: 'disabled' });
      await expect.poll(async () => (await chatOn(b)).status, { timeout: 1000 }).toBe(401);
      await adminOn(a, 'PATCH', `/api/tokens/${token.id}`, { status: 'enabled' });
      await expect.poll(async () => (await chatOn(b)).status, { timeout: 1000 }).toBe(200);
    });

    it('bills concurrent requests on both instances exactly once each', async () => {
      const { users, logs, quotaReservations } = a.services.storage.repositories;
      const before = (await users.findById(devId))!.quota;
      const loggedBefore = (await logs.list({ userId: devId, type: 'consume', limit: 500 })).items;
      const statuses = await Promise.all(
        Array.from({ length: 10 }, (_, index) => chatOn(index % 2 ? a : b).then((r) => r.status)),
      );
      expect(statuses).toEqual(Array(10).fill(200));
      const logged = (await logs.list({ userId: devId, type: 'consume', limit: 500 })).items;
      const newLogs = logged.filter((log) => !loggedBefore.some((old) => old.id === log.id));
      expect(newLogs).toHaveLength(10);
      const charged = newLogs.reduce((sum, log) => sum + log.quota, 0);
      expect(before - (await users.findById(devId))!.quota).toBe(charged);
      await expect.poll(() => quotaReservations.sumOpen(devId)).toBe(0);
    });

    it('lets exactly one instance claim a background job round', async () => {
      const claims = await Promise.all([
        a.services.jobLock.claim('test-job', 5_000),
        b.services.jobLock.claim('test-job', 5_000),
      ]);
      expect(claims.filter(Boolean)).toHaveLength(1);
    });
  },
);
