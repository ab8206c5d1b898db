import type { AuditEntry } from '@oneapi/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, ROOT_ENV, signIn } from '../../testing/admin/admin-test-kit';
import {
  createTestGateway,
  jsonRequest,
  type TestGateway,
} from '../../testing/create-test-gateway';

const FIRST_KEY = 'sk-audit-canary-first-1111';
const SECOND_KEY = 'sk-audit-canary-second-2222';
const FROM = { 'x-forwarded-for': '203.0.113.7', 'user-agent': 'audit-test/1.0' };

describe('the audit log', () => {
  let gateway: TestGateway;
  let base: string;
  let rootId: number;

  const call = (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = ROOT,
  ) => fetch(`${base}${path}`, jsonRequest(method, body, { ...headers, ...FROM }));
  const entries = async (query = '', headers: Record<string, string> = ROOT) => {
    const response = await fetch(`${base}/api/audit-logs?${query}`, { headers });
    expect(response.status).toBe(200);
    return (await response.json()) as { items: AuditEntry[]; nextCursor: string | null };
  };

  beforeAll(async () => {
    gateway = await createTestGateway(ROOT_ENV);
    base = await gateway.listen();
    rootId = (await gateway.services.storage.repositories.users.findByUsername('root'))!.id;
  });
  afterAll(() => gateway?.close());

  it('records a channel created, changed, disabled and deleted, keys masked, with who and from where', async () => {
    const created = await call('POST', '/api/channels', {
      type: 'openai',
      name: 'audited',
      key: FIRST_KEY,
      models: ['gpt-4o-mini'],
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: number };
    expect(
      (await call('PATCH', `/api/channels/${id}`, { name: 'renamed', key: SECOND_KEY })).status,
    ).toBe(200);
    expect(
      (await call('PATCH', `/api/channels/${id}`, { status: 'manually_disabled' })).status,
    ).toBe(200);
    expect((await call('DELETE', `/api/channels/${id}`)).status).toBe(204);

    const { items } = await entries(`entityType=channel&entityId=${id}`);
    expect(items.map((entry) => entry.action)).toEqual(['delete', 'disable', 'update', 'create']);
    const [deleted, disabled, updated, create] = items as [
      AuditEntry,
      AuditEntry,
      AuditEntry,
      AuditEntry,
    ];
    expect(create).toMatchObject({
      actorId: rootId,
      actorName: 'root',
      clientIp: '203.0.113.7',
      userAgent: 'audit-test/1.0',
      before: null,
      after: { name: 'audited', keyCount: 1, keysMasked: ['****1111'] },
    });
    expect(updated).toMatchObject({
      before: { name: 'audited', keysMasked: ['****1111'] },
      after: { name: 'renamed', keysMasked: ['****2222'] },
    });
    expect(disabled).toMatchObject({
      before: { status: 'enabled' },
      after: { status: 'manually_disabled' },
    });
    expect(deleted).toMatchObject({ before: { name: 'renamed' }, after: null });
    const text = JSON.stringify(items);
    expect(text).not.toContain(FIRST_KEY);
    expect(text).not.toContain(SECOND_KEY);
    expect(text).not.toContain('keyCiphertext');
  });

  it('records users: created, password changed (never the password), topped up once per key, deleted', async () => {
    const created = await call('POST', '/api/users', {
      username: 'audited-user',
      password: 'first-password',
    });
    const { id } = (await created.json()) as { id: number };
    await call('PATCH', `/api/users/${id}`, { password: 'second-password', displayName: 'Aud' });
    const topUp = { amount: 5_000, idempotencyKey: 'audit-top-up-1', reason: 'welcome' };
    expect((await call('POST', `/api/users/${id}/quota`, topUp)).status).toBe(201);
    // A replay changes nothing, so it records nothing.
    expect((await call('POST', `/api/users/${id}/quota`, topUp)).status).toBe(200);
    expect((await call('DELETE', `/api/users/${id}`)).status).toBe(204);

    const { items } = await entries(`entityType=user&entityId=${id}`);
    expect(items.map((entry) => entry.action)).toEqual(['delete', 'top_up', 'update', 'create']);
    expect(items[1]).toMatchObject({
      before: { quota: 0 },
      after: { quota: 5_000, amount: 5_000, reason: 'welcome' },
    });
    expect(items[2]).toMatchObject({
      before: { displayName: 'audited-user' },
      after: { displayName: 'Aud' },
    });
    const text = JSON.stringify(items);
    expect(text).not.toContain('first-password');
    expect(text).not.toContain('second-password');
    expect(text).not.toMatch(/passwordHash|\$scrypt|\$argon2/);
  });

  it('writes no entry for a change that fails', async () => {
    const before = (await entries('entityType=user')).items.length;
    const taken = await call('POST', '/api/users', { username: 'root', password: 'some-password' });
    expect(taken.status).toBe(409);
    expect((await entries('entityType=user')).items).toHaveLength(before);
  });

  it('records a user’s own API keys as that user, never the key or its hash', async () => {
    await call('POST', '/api/users', { username: 'key-owner', password: 'owner-password' });
    const owner = await signIn(base, 'key-owner', 'owner-password');
    const created = await call('POST', '/api/tokens', { name: 'mine' }, owner);
    const { id, key } = (await created.json()) as { id: number; key: string };
    await call('PATCH', `/api/tokens/${id}`, { status: 'disabled' }, owner);
    await call('DELETE', `/api/tokens/${id}`, undefined, owner);

    const { items } = await entries(`entityType=token&entityId=${id}`);
    expect(items.map((entry) => [entry.action, entry.actorName])).toEqual([
      ['delete', 'key-owner'],
      ['disable', 'key-owner'],
      ['create', 'key-owner'],
    ]);
    expect(JSON.stringify(items)).not.toContain(key);
    expect(JSON.stringify(items)).not.toContain('keyHash');
  });

  it('records settings, prices and redemption codes, never a code', async () => {
    await call('PATCH', '/api/settings', { systemName: 'Audited gateway' });
    await call('PUT', '/api/prices/groups/vip', { ratio: 0.5 });
    const batch = await call('POST', '/api/redemption-codes', {
      name: 'audit-batch',
      quota: 100,
      count: 2,
    });
    const { codes } = (await batch.json()) as { codes: string[] };
    const listed = await fetch(`${base}/api/redemption-codes?search=audit-batch`, {
      headers: ROOT,
    });
    const ids = ((await listed.json()) as { items: { id: number }[] }).items.map((code) => code.id);
    await call('POST', '/api/redemption-codes/status', { ids, status: 'disabled' });

    const [setting] = (await entries('entityType=setting')).items;
    expect(setting).toMatchObject({
      action: 'update',
      entityId: 'systemName',
      before: { systemName: 'oneapi' },
      after: { systemName: 'Audited gateway' },
    });
    const [ratio] = (await entries('entityType=price')).items;
    expect(ratio).toMatchObject({ entityId: 'groups/vip', after: { group: 'vip', ratio: 0.5 } });
    const codeEntries = (await entries('entityType=redemption_code')).items;
    expect(codeEntries.map((entry) => entry.action)).toEqual(['disable', 'create']);
    expect(codeEntries[1]).toMatchObject({
      entityId: 'audit-batch',
      after: { count: 2, quota: 100 },
    });
    expect(codeEntries[0]).toMatchObject({ after: { ids, status: 'disabled', changed: 2 } });
    for (const code of codes) expect(JSON.stringify(codeEntries)).not.toContain(code);
  });

  it('filters by actor, action and time, pages, and exports the same as CSV', async () => {
    const all = await entries('actor=root&limit=500');
    expect(all.items.length).toBeGreaterThan(5);
    expect(all.items.every((entry) => entry.actorName === 'root')).toBe(true);
    const creates = await entries('action=create&limit=500');
    expect(creates.items.every((entry) => entry.action === 'create')).toBe(true);
    expect(creates.items.some((entry) => entry.actorName === 'key-owner')).toBe(true);
    expect((await entries(`to=1`)).items).toEqual([]);

    const first = await entries('limit=2');
    const second = await entries(`limit=2&cursor=${first.nextCursor}`);
    expect(second.items[0]!.id).toBeLessThan(first.items[1]!.id);

    const csv = await fetch(`${base}/api/audit-logs/export.csv?entityType=channel`, {
      headers: ROOT,
    });
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = (await csv.text()).trim().split('\n');
    expect(lines[0]).toBe(
      'id,created_at,actor_id,actor_name,action,entity_type,entity_id,client_ip,user_agent,before,after',
    );
    expect(lines.slice(1).map((line) => line.split(',')[4])).toEqual([
      'delete',
      'disable',
      'update',
      'create',
    ]);
    expect(lines.join('\n')).toContain('****2222');
    expect(lines.join('\n')).not.toContain(SECOND_KEY);
  });

  it('is for admins only, and refuses a bad filter with a 400', async () => {
    await call('POST', '/api/users', { username: 'plain-user', password: 'plain-password' });
    const plain = await signIn(base, 'plain-user', 'plain-password');
    expect((await fetch(`${base}/api/audit-logs`, { headers: plain })).status).toBe(403);
    expect((await fetch(`${base}/api/audit-logs/export.csv`, { headers: plain })).status).toBe(403);
    const bad = await fetch(`${base}/api/audit-logs?action=explode`, { headers: ROOT });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { param: 'action' } });
  });
});
