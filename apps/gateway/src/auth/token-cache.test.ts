import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestGateway, jsonRequest, type TestGateway } from '../testing/create-test-gateway';

describe('relay key cache', () => {
  let gateway: TestGateway;
  const root = { authorization: 'Bearer root-access-token' };
  const relay = () =>
    gateway.app.request('/v1/models', {
      headers: { authorization: 'Bearer sk-roottoken1234567890' },
    });

  beforeAll(async () => {
    gateway = await createTestGateway({
      INITIAL_ROOT_ACCESS_TOKEN: 'root-access-token',
      INITIAL_ROOT_TOKEN: 'sk-roottoken1234567890',
    });
  });
  afterAll(() => gateway.close());

  it('authenticates repeat requests without reading the database', async () => {
    const lookups = vi.spyOn(gateway.services.storage.repositories.tokens, 'findByKeyHash');
    expect((await relay()).status).toBe(200);
    expect((await relay()).status).toBe(200);
    expect((await relay()).status).toBe(200);
    expect(lookups).toHaveBeenCalledTimes(1);
    lookups.mockRestore();
  });

  it('sees an admin’s disable on the very next request', async () => {
    const { items } = (await (
      await gateway.app.request('/api/tokens', { headers: root })
    ).json()) as {
      items: Array<{ id: number }>;
    };
    const disabled = await gateway.app.request(
      `/api/tokens/${items[0]!.id}`,
      jsonRequest('PATCH', { status: 'disabled' }, root),
    );
    expect(disabled.status).toBe(200);
    expect((await relay()).status).toBe(401);
  });

  it('enforces a key’s IP allowlist against the real peer address', async () => {
    const base = await gateway.listen();
    const create = async (allowedIps: string[]) => {
      const created = await fetch(
        `${base}/api/tokens`,
        jsonRequest('POST', { name: 'ip', unlimitedQuota: true, allowedIps }, root),
      );
      return ((await created.json()) as { key: string }).key;
    };
    const elsewhere = await create(['10.0.0.0/8']);
    const local = await create(['127.0.0.0/8']);
    const models = (key: string) =>
      fetch(`${base}/v1/models`, { headers: { authorization: `Bearer ${key}` } });
    const refused = await models(elsewhere);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: 'ip_not_allowed' } });
    expect((await models(local)).status).toBe(200);
  });
});
