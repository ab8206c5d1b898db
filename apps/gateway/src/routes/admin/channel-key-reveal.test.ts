import type { LogEntry } from '@oneapi/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, ROOT_ENV, signIn } from '../../testing/admin/admin-test-kit';
import {
  createTestGateway,
  jsonRequest,
  type TestGateway,
} from '../../testing/create-test-gateway';

const KEYS = ['sk-reveal-canary-1111', 'sk-reveal-canary-2222'];

describe('revealing a channel’s keys', () => {
  let gateway: TestGateway;
  let base: string;
  let channelId: number;
  let root: Record<string, string>;
  let admin: Record<string, string>;
  let rootId: number;
  let adminId: number;

  const reveal = (headers: Record<string, string>, body: unknown, id = channelId) =>
    fetch(`${base}/api/channels/${id}/key`, jsonRequest('POST', body, headers));
  const auditRows = async () =>
    (await gateway.services.storage.repositories.logs.list({ type: 'audit', limit: 500 })).items;
  /** Every log row there is, as text: where a leaked key would show. */
  const allLogText = async () =>
    JSON.stringify((await gateway.services.storage.repositories.logs.list({ limit: 500 })).items);

  beforeAll(async () => {
    gateway = await createTestGateway(ROOT_ENV);
    base = await gateway.listen();
    const channel = await fetch(
      `${base}/api/channels`,
      jsonRequest(
        'POST',
        { type: 'openai', name: 'main', key: KEYS.join('\n'), models: ['gpt-4o-mini'] },
        ROOT,
      ),
    );
    ({ id: channelId } = (await channel.json()) as { id: number });
    const created = await fetch(
      `${base}/api/users`,
      jsonRequest('POST', { username: 'ada', password: 'ada-password', role: 'admin' }, ROOT),
    );
    ({ id: adminId } = (await created.json()) as { id: number });
    root = await signIn(base, 'root', 'root-password');
    admin = await signIn(base, 'ada', 'ada-password');
    rootId = (await gateway.services.storage.repositories.users.findByUsername('root'))!.id;
  });
  afterAll(() => gateway?.close());

  it('shows root the keys after the password, and audits it', async () => {
    const response = await reveal(root, { password: 'root-password' });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ keys: KEYS });
    const [row] = await auditRows();
    expect(row).toMatchObject<Partial<LogEntry>>({
      type: 'audit',
      userId: rootId,
      channelId,
      content: `channel ${channelId} keys revealed to user ${rootId} (root)`,
    });
    expect(await allLogText()).not.toContain('canary');
    // The ordinary view stays masked.
    const view = await (await fetch(`${base}/api/channels/${channelId}`, { headers: ROOT })).text();
    expect(view).not.toContain('canary');
  });

  it('asks for the password with an access token too', async () => {
    const wrong = await reveal(ROOT, { password: 'not-it' });
    expect(wrong.status).toBe(403);
    expect(await wrong.text()).not.toContain('canary');
    expect((await reveal(ROOT, {})).status).toBe(400);
    const right = await reveal(ROOT, { password: 'root-password' });
    expect(await right.json()).toEqual({ keys: KEYS });
  });

  it('refuses a wrong password and admins, auditing each refusal without the key', async () => {
    const before = (await auditRows()).length;
    const wrong = await reveal(root, { password: 'root-passwordX' });
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toMatchObject({
      error: { type: 'permission_error', param: 'password' },
    });
    // An admin with their own right password is still not root.
    const byAdmin = await reveal(admin, { password: 'ada-password' });
    expect(byAdmin.status).toBe(403);
    expect(await byAdmin.text()).not.toContain('canary');

    const rows = await auditRows();
    expect(rows).toHaveLength(before + 2);
    const [adminRow, wrongRow] = rows;
    expect(wrongRow).toMatchObject({
      userId: rootId,
      channelId,
      content: `channel ${channelId} keys refused (Wrong password) to user ${rootId} (root)`,
    });
    expect(adminRow).toMatchObject({
      userId: adminId,
      channelId,
      content: `channel ${channelId} keys refused (Only root can see channel keys) to user ${adminId} (ada)`,
    });
    expect(await allLogText()).not.toContain('canary');
  });

  it('answers 404 for an unknown channel, after the password, and audits that too', async () => {
    const response = await reveal(root, { password: 'root-password' }, 999_999);
    expect(response.status).toBe(404);
    expect((await auditRows())[0]).toMatchObject({
      channelId: 999_999,
      content: expect.stringContaining('refused (No such channel)'),
    });
  });

  // Last: it locks root out of reveals for the rest of the window.
  it('stops answering after five wrong passwords, even the right one', async () => {
    for (let i = 0; i < 5; i++)
      expect((await reveal(root, { password: `guess-${i}` })).status).toBe(403);
    const locked = await reveal(root, { password: 'root-password' });
    expect(locked.status).toBe(429);
    expect(await locked.text()).not.toContain('canary');
    expect((await auditRows())[0]!.content).toContain('refused (Too many wrong passwords');
  });
});
