import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, ROOT_ENV } from '../../testing/admin/admin-test-kit';
import {
  createTestGateway,
  jsonRequest,
  type TestGateway,
} from '../../testing/create-test-gateway';

describe('GET /api/auth/session', () => {
  let gateway: TestGateway;
  const call = (path: string, init?: RequestInit) => gateway.app.request(path, init);
  const signIn = async (username: string, password: string) => {
    const login = await call('/api/auth/login', jsonRequest('POST', { username, password }));
    return login.headers.get('set-cookie')!.split(';')[0]!;
  };

  beforeAll(async () => {
    gateway = await createTestGateway(ROOT_ENV);
  });
  afterAll(() => gateway.close());

  it('answers a signed-out visitor 200 {signedIn: false}, not an error status', async () => {
    const response = await call('/api/auth/session');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ signedIn: false });
    const stale = await call('/api/auth/session', { headers: { cookie: 'oneapi_session=nope' } });
    expect(stale.status).toBe(200);
    expect(await stale.json()).toEqual({ signedIn: false });
  });

  it('answers a signed-in visitor with the user and the CSRF token', async () => {
    const cookie = await signIn('root', 'root-password');
    const response = await call('/api/auth/session', { headers: { cookie } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ signedIn: true, user: { username: 'root', role: 'root' } });
    expect(body.csrfToken).toEqual(expect.any(String));
    expect(body.user).not.toHaveProperty('passwordHash');
  });

  it('says signed out once the account is disabled', async () => {
    const created = await call(
      '/api/users',
      jsonRequest('POST', { username: 'dora', password: 'dora-password' }, ROOT),
    );
    const { id } = (await created.json()) as { id: number };
    const cookie = await signIn('dora', 'dora-password');
    expect(await (await call('/api/auth/session', { headers: { cookie } })).json()).toMatchObject({
      signedIn: true,
    });
    await gateway.services.storage.repositories.users.update(id, { status: 'disabled' });
    expect(await (await call('/api/auth/session', { headers: { cookie } })).json()).toEqual({
      signedIn: false,
    });
  });
});
