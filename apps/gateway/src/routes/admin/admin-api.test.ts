import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../secrets/hash-secret';
import {
  createTestGateway,
  jsonRequest,
  type TestGateway,
} from '../../testing/create-test-gateway';
import { ADMIN_POLICY } from './admin-policy';

describe('admin API', () => {
  let gateway: TestGateway;
  const call = (path: string, init?: RequestInit) => gateway.app.request(path, init);
  const as = (accessToken: string) => ({ authorization: `Bearer ${accessToken}` });

  beforeAll(async () => {
    gateway = await createTestGateway({
      INITIAL_ROOT_PASSWORD: 'root-password',
      INITIAL_ROOT_ACCESS_TOKEN: 'root-access-token',
    });
  });
  afterAll(() => gateway.close());

  it('declares a policy for every /api route, and nothing else', () => {
    const routes = gateway.app.routes
      .filter(
        (route) =>
          route.path.startsWith('/api/') && route.path !== '/api/*' && route.method !== 'ALL',
      )
      .map((route) => `${route.method} ${route.path}`);
    expect(new Set(routes)).toEqual(new Set(Object.keys(ADMIN_POLICY)));
  });

  it('refuses anonymous callers on every non-public route', async () => {
    for (const [route, access] of Object.entries(ADMIN_POLICY)) {
      if (access === 'public') continue;
      const [method, path] = route.split(' ') as [string, string];
      const response = await call(
        path.replace(':id', '1'),
        jsonRequest(method, method === 'GET' || method === 'DELETE' ? undefined : {}),
      );
      expect(response.status, route).toBe(401);
      expect(await response.json()).toMatchObject({ error: { type: 'authentication_error' } });
    }
  });

  it('keeps users out of admin routes and lets root in', async () => {
    const created = await call(
      '/api/users',
      jsonRequest(
        'POST',
        { username: 'alice', password: 'alice-password' },
        as('root-access-token'),
      ),
    );
    expect(created.status).toBe(201);
    const alice = await created.json();
    expect(alice).not.toHaveProperty('passwordHash');
    expect(alice).toMatchObject({ username: 'alice', role: 'user', hasPassword: true });
    const token = await call('/api/user/self/access-token', {
      method: 'POST',
      headers: await loginHeaders('alice', 'alice-password'),
    });
    const { accessToken } = (await token.json()) as { accessToken: string };
    for (const [route, access] of Object.entries(ADMIN_POLICY)) {
      if (access !== 'admin' && access !== 'root') continue;
      const [method, path] = route.split(' ') as [string, string];
      const response = await call(
        path.replace(':id', '1'),
        jsonRequest(
          method,
          method === 'GET' || method === 'DELETE' ? undefined : {},
          as(accessToken),
        ),
      );
      expect(response.status, route).toBe(403);
    }
    expect((await call('/api/users', { headers: as('root-access-token') })).status).toBe(200);
  });

  it('signs in with a session cookie and requires the CSRF header for writes', async () => {
    const login = await call(
      '/api/auth/login',
      jsonRequest('POST', { username: 'root', password: 'root-password' }),
    );
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!;
    expect(cookie).toMatch(/oneapi_session=[^;]+; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Lax/);
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const session = cookie.split(';')[0]!;
    expect((await call('/api/user/self', { headers: { cookie: session } })).status).toBe(200);
    const withoutCsrf = await call(
      '/api/user/self',
      jsonRequest('PATCH', { displayName: 'R' }, { cookie: session }),
    );
    expect(withoutCsrf.status).toBe(403);
    const withCsrf = await call(
      '/api/user/self',
      jsonRequest('PATCH', { displayName: 'R' }, { cookie: session, 'x-csrf-token': csrfToken }),
    );
    expect(withCsrf.status).toBe(200);
  });

  it('refuses mass assignment of role, quota or group on one’s own profile', async () => {
    const headers = await loginHeaders('alice', 'alice-password');
    for (const field of [{ role: 'root' }, { quota: 10 ** 9 }, { groupName: 'vip' }]) {
      const response = await call('/api/user/self', jsonRequest('PATCH', field, headers));
      expect(response.status).toBe(400);
    }
    const self = await (await call('/api/user/self', { headers })).json();
    expect(self).toMatchObject({ role: 'user', quota: 0, groupName: 'default' });
  });

  it('throttles repeated failed sign-ins', async () => {
    const attempt = () =>
      call(
        '/api/auth/login',
        jsonRequest(
          'POST',
          { username: 'root', password: 'wrong' },
          { 'x-forwarded-for': '198.51.100.7' },
        ),
      );
    for (let i = 0; i < 5; i++) expect((await attempt()).status).toBe(401);
    expect((await attempt()).status).toBe(429);
  });

  it('shows an API key once, stores only its hash, and hides other users’ keys', async () => {
    const aliceHeaders = await loginHeaders('alice', 'alice-password');
    const created = await call(
      '/api/tokens',
      jsonRequest('POST', { name: 'laptop', allowedIps: ['10.0.0.0/8'] }, aliceHeaders),
    );
    expect(created.status).toBe(201);
    const { key, id, keyHash } = (await created.json()) as {
      key: string;
      id: number;
      keyHash?: string;
    };
    expect(key).toMatch(/^sk-[A-Za-z0-9]{48}$/);
    expect(keyHash).toBeUndefined();
    const stored = await gateway.services.storage.repositories.tokens.findById(id);
    expect(stored?.keyHash).toBe(hashSecret(key));
    const listed = await (await call('/api/tokens', { headers: aliceHeaders })).json();
    expect(JSON.stringify(listed)).not.toContain(key);

    await call(
      '/api/users',
      jsonRequest('POST', { username: 'bob', password: 'bob-password' }, as('root-access-token')),
    );
    const bobHeaders = await loginHeaders('bob', 'bob-password');
    expect(
      (await call(`/api/tokens/${id}`, { method: 'DELETE', headers: bobHeaders })).status,
    ).toBe(404);
    expect(
      ((await (await call('/api/tokens', { headers: bobHeaders })).json()) as { items: unknown[] })
        .items,
    ).toEqual([]);
    const badIp = await call(
      '/api/tokens',
      jsonRequest('POST', { name: 'x', allowedIps: ['999.1.1.1'] }, aliceHeaders),
    );
    expect(badIp.status).toBe(400);

    // Root creates a key for bob; bob may not create one for alice.
    const bob = (await gateway.services.storage.repositories.users.findByUsername('bob'))!;
    const alice = (await gateway.services.storage.repositories.users.findByUsername('alice'))!;
    const forBob = await call(
      '/api/tokens',
      jsonRequest('POST', { name: 'for bob', userId: bob.id }, as('root-access-token')),
    );
    expect(forBob.status).toBe(201);
    const { id: bobKeyId } = (await forBob.json()) as { id: number };
    expect((await gateway.services.storage.repositories.tokens.findById(bobKeyId))?.userId).toBe(
      bob.id,
    );
    const bobForAlice = await call(
      '/api/tokens',
      jsonRequest('POST', { name: 'sneaky', userId: alice.id }, bobHeaders),
    );
    expect(bobForAlice.status).toBe(404);
  });

  it('encrypts channel keys at rest and shows them masked', async () => {
    const created = await call(
      '/api/channels',
      jsonRequest(
        'POST',
        {
          type: 'openai',
          name: 'main',
          key: 'sk-upstream-canary-1111\nsk-upstream-canary-2222',
          models: ['gpt-4o'],
        },
        as('root-access-token'),
      ),
    );
    expect(created.status).toBe(201);
    const view = (await created.json()) as { id: number };
    expect(view).toMatchObject({ keyCount: 2, keysMasked: ['****1111', '****2222'] });
    expect(JSON.stringify(view)).not.toContain('canary');
    const row = await gateway.services.storage.repositories.channels.findById(view.id);
    expect(row?.keyCiphertext).not.toContain('canary');
    const unknownType = await call(
      '/api/channels',
      jsonRequest(
        'POST',
        { type: 'nope', name: 'x', key: 'k', models: ['m'] },
        as('root-access-token'),
      ),
    );
    expect(unknownType.status).toBe(400);
  });

  it('lists the provider types with their settings', async () => {
    const { items } = (await (
      await call('/api/providers', { headers: as('root-access-token') })
    ).json()) as {
      items: Array<{ id: string; configFields: Array<{ name: string }> }>;
    };
    expect(items.length).toBeGreaterThanOrEqual(30);
    expect(
      items.find((provider) => provider.id === 'bedrock')?.configFields.map((field) => field.name),
    ).toContain('region');
  });

  it('refuses a private base URL unless the channel allows it', async () => {
    const body = {
      type: 'openai',
      name: 'local',
      key: 'k',
      models: ['m'],
      baseUrl: 'http://127.0.0.1:8000/v1',
    };
    const refused = await call('/api/channels', jsonRequest('POST', body, as('root-access-token')));
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { param: 'baseUrl' } });
    const metadata = await call(
      '/api/channels',
      jsonRequest('POST', { ...body, baseUrl: 'http://169.254.169.254/' }, as('root-access-token')),
    );
    expect(metadata.status).toBe(400);
    const allowed = await call(
      '/api/channels',
      jsonRequest('POST', { ...body, allowPrivateNetwork: true }, as('root-access-token')),
    );
    expect(allowed.status).toBe(201);
  });

  async function loginHeaders(username: string, password: string) {
    const login = await call('/api/auth/login', jsonRequest('POST', { username, password }));
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    return {
      cookie: login.headers.get('set-cookie')!.split(';')[0]!,
      'x-csrf-token': csrfToken,
      'content-type': 'application/json',
    };
  }
});
