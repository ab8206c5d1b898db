import { listTestDatabases, type TestStorage } from '@oneapi/storage/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonRequest } from '../create-test-gateway';
import { type GatewayInstances, startInstances } from './start-instances';

const sqlite = listTestDatabases().find((database) => database.dialect === 'sqlite')!;
const redisUrl = process.env.TEST_REDIS_URL;

describe(`start-instances: three gateways on one SQLite file${redisUrl ? ' and Redis' : ''}`, () => {
  let storage: TestStorage;
  let instances: GatewayInstances;

  beforeAll(async () => {
    storage = await sqlite.create();
    instances = await startInstances({ storage, count: 3, redisUrl });
  });
  afterAll(async () => {
    await instances?.close();
    await storage?.dispose();
  });

  it('serves the same database from every instance, round robin', async () => {
    expect(new Set(instances.urls).size).toBe(3);
    expect(instances.urlFor(4)).toBe(instances.urls[1]);
    const created = await fetch(
      `${instances.urls[0]}/api/users`,
      jsonRequest('POST', { username: 'seen-everywhere', password: 'a-password' }, instances.root),
    );
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: number };
    for (const url of instances.urls) {
      const found = await fetch(`${url}/api/users/${id}`, { headers: instances.root });
      expect(await found.json()).toMatchObject({ username: 'seen-everywhere' });
    }
  });

  it('closes once, however often it is asked', async () => {
    const url = instances.urls[0]!;
    await instances.close();
    await instances.close();
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });
});
