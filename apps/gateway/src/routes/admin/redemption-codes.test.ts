import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestGateway,
  jsonRequest,
  type TestGateway,
} from '../../testing/create-test-gateway';

describe('recharge codes over the admin API', () => {
  let gateway: TestGateway;
  const root = { authorization: 'Bearer root-access-token' };
  let userHeaders: Record<string, string>;

  beforeAll(async () => {
    gateway = await createTestGateway({ INITIAL_ROOT_ACCESS_TOKEN: 'root-access-token' });
    await gateway.app.request(
      '/api/users',
      jsonRequest('POST', { username: 'alice', password: 'alice-password' }, root),
    );
    const login = await gateway.app.request(
      '/api/auth/login',
      jsonRequest('POST', { username: 'alice', password: 'alice-password' }),
    );
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    userHeaders = {
      cookie: login.headers.get('set-cookie')!.split(';')[0]!,
      'x-csrf-token': csrfToken,
    };
  });
  afterAll(() => gateway.close());

  it('creates a batch once, keeps only hashes, and credits a code exactly once', async () => {
    const created = await gateway.app.request(
      '/api/redemption-codes',
      jsonRequest('POST', { name: 'promo', quota: 5000, count: 3 }, root),
    );
    expect(created.status).toBe(201);
    const { codes, csv } = (await created.json()) as { codes: string[]; csv: string };
    expect(codes).toHaveLength(3);
    expect(csv.split('\n').filter(Boolean)).toHaveLength(4);
    const listed = await (
      await gateway.app.request('/api/redemption-codes', { headers: root })
    ).text();
    for (const code of codes) expect(listed).not.toContain(code);
    expect(listed).not.toContain('codeHash');

    const redeem = () =>
      gateway.app.request(
        '/api/user/self/redeem',
        jsonRequest('POST', { code: codes[0] }, userHeaders),
      );
    const results = await Promise.all([redeem(), redeem(), redeem()]);
    expect(results.map((response) => response.status).sort()).toEqual([200, 400, 400]);
    const self = (await (
      await gateway.app.request('/api/user/self', { headers: userHeaders })
    ).json()) as { quota: number };
    expect(self.quota).toBe(5000);
  });

  it('refuses disabled codes and keeps users out of code management', async () => {
    const created = await gateway.app.request(
      '/api/redemption-codes',
      jsonRequest('POST', { name: 'off', quota: 1, count: 1 }, root),
    );
    const { codes } = (await created.json()) as { codes: string[] };
    const page = (await (
      await gateway.app.request('/api/redemption-codes?search=off', { headers: root })
    ).json()) as {
      items: Array<{ id: number }>;
    };
    await gateway.app.request(
      '/api/redemption-codes/status',
      jsonRequest('POST', { ids: [page.items[0]!.id], status: 'disabled' }, root),
    );
    const refused = await gateway.app.request(
      '/api/user/self/redeem',
      jsonRequest('POST', { code: codes[0] }, userHeaders),
    );
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { code: 'code_not_redeemable' } });
    expect(
      (await gateway.app.request('/api/redemption-codes', { headers: userHeaders })).status,
    ).toBe(403);
  });
});
