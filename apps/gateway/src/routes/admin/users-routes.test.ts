import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, ROOT_ENV } from '../../testing/admin/admin-test-kit';
import {
  createTestGateway,
  jsonRequest,
  type TestGateway,
} from '../../testing/create-test-gateway';

interface UserView {
  id: number;
  username: string;
  displayName: string;
  email: string | null;
  role: string;
  status: string;
  groupName: string;
}

describe('editing and deleting users', () => {
  let gateway: TestGateway;
  const call = (path: string, init?: RequestInit) => gateway.app.request(path, init);
  const login = async (username: string, password: string) => {
    const response = await call('/api/auth/login', jsonRequest('POST', { username, password }));
    if (response.status !== 200) return undefined;
    const { csrfToken } = (await response.json()) as { csrfToken: string };
    return {
      cookie: response.headers.get('set-cookie')!.split(';')[0]!,
      'x-csrf-token': csrfToken,
    };
  };
  const createUser = async (body: Record<string, unknown>) => {
    const response = await call('/api/users', jsonRequest('POST', body, ROOT));
    expect(response.status).toBe(201);
    return (await response.json()) as UserView;
  };
  const patch = (id: number, body: unknown, headers: Record<string, string> = ROOT) =>
    call(`/api/users/${id}`, jsonRequest('PATCH', body, headers));

  beforeAll(async () => {
    gateway = await createTestGateway(ROOT_ENV);
  });
  afterAll(() => gateway.close());

  it('edits name, email, group, role, status and password, and signs a disabled user out', async () => {
    const erin = await createUser({ username: 'erin', password: 'erin-password' });
    const session = (await login('erin', 'erin-password'))!;
    const response = await patch(erin.id, {
      displayName: 'Erin E.',
      email: 'erin@example.com',
      groupName: 'vip',
      role: 'admin',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      displayName: 'Erin E.',
      email: 'erin@example.com',
      groupName: 'vip',
      role: 'admin',
    });

    expect((await patch(erin.id, { status: 'disabled' })).status).toBe(200);
    expect((await call('/api/user/self', { headers: session })).status).toBe(401);
    expect(await login('erin', 'erin-password')).toBeUndefined();

    await patch(erin.id, { status: 'enabled', password: 'a-new-password' });
    expect(await login('erin', 'erin-password')).toBeUndefined();
    expect(await login('erin', 'a-new-password')).toBeDefined();
  });

  it('refuses to let an account demote or disable itself, with a clear 403', async () => {
    const root = (await gateway.services.storage.repositories.users.findByUsername('root'))!;
    for (const [body, message] of [
      [{ role: 'admin' }, 'You cannot change your own role'],
      [{ role: 'user' }, 'You cannot change your own role'],
      [{ status: 'disabled' }, 'You cannot disable yourself'],
    ] as const) {
      const response = await patch(root.id, body);
      expect(response.status, JSON.stringify(body)).toBe(403);
      expect(await response.json()).toMatchObject({ error: { code: 'forbidden', message } });
    }
    const after = (await gateway.services.storage.repositories.users.findById(root.id))!;
    expect(after).toMatchObject({ role: 'root', status: 'enabled' });
    // What is not a lock-out still goes through.
    const renamed = await patch(root.id, { displayName: 'The Root', role: 'root' });
    expect(renamed.status).toBe(200);
    expect((await call(`/api/users/${root.id}`, { method: 'DELETE', headers: ROOT })).status).toBe(
      403,
    );
  });

  it('keeps an admin off other admins and off itself through the admin routes', async () => {
    await createUser({ username: 'ada', password: 'ada-password', role: 'admin' });
    const other = await createUser({ username: 'abe', password: 'abe-password', role: 'admin' });
    const ada = (await gateway.services.storage.repositories.users.findByUsername('ada'))!;
    const session = (await login('ada', 'ada-password'))!;
    expect((await patch(other.id, { status: 'disabled' }, session)).status).toBe(403);
    const self = await patch(ada.id, { role: 'user' }, session);
    expect(self.status).toBe(403);
    expect((await gateway.services.storage.repositories.users.findById(ada.id))!.role).toBe(
      'admin',
    );
  });

  it('deletes a user', async () => {
    const gone = await createUser({ username: 'gone', password: 'gone-password' });
    const response = await call(`/api/users/${gone.id}`, { method: 'DELETE', headers: ROOT });
    expect(response.status).toBe(204);
    expect((await call(`/api/users/${gone.id}`, { headers: ROOT })).status).toBe(404);
  });
});
