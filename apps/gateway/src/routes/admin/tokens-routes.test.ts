import type { FixtureServer } from '@oneapi/adapters/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chat,
  createOpenAIChannel,
  createUserWithKey,
  ROOT_ENV,
  signIn,
  startOpenAIUpstream,
} from '../../testing/admin/admin-test-kit';
import {
  createTestGateway,
  jsonRequest,
  type TestGateway,
} from '../../testing/create-test-gateway';

describe('editing API keys', () => {
  let gateway: TestGateway;
  let upstream: FixtureServer;
  let base: string;
  let session: Record<string, string>;

  const create = async (body: Record<string, unknown>) => {
    const response = await fetch(`${base}/api/tokens`, jsonRequest('POST', body, session));
    return (await response.json()) as { id: number; key: string };
  };
  const edit = (id: number, body: unknown, headers = session) =>
    fetch(`${base}/api/tokens/${id}`, jsonRequest('PATCH', body, headers));

  beforeAll(async () => {
    upstream = await startOpenAIUpstream();
    gateway = await createTestGateway(ROOT_ENV);
    base = await gateway.listen();
    await createOpenAIChannel(base, upstream, { models: ['gpt-4o-mini', 'gpt-4o'] });
    await createUserWithKey(base, { username: 'kim', password: 'kim-password', quota: 1_000_000 });
    session = await signIn(base, 'kim', 'kim-password');
  });
  afterAll(async () => {
    await gateway?.close();
    await upstream?.close();
  });

  it('changes name, quota, expiry and both allowlists, and the relay follows', async () => {
    const { id, key } = await create({ name: 'laptop', unlimitedQuota: true });
    expect((await chat(base, key, 'gpt-4o')).status).toBe(200);
    const expiresAt = Date.now() + 86_400_000;
    const response = await edit(id, {
      name: 'desktop',
      unlimitedQuota: false,
      remainQuota: 123_456,
      expiresAt,
      allowedModels: ['gpt-4o-mini'],
      allowedIps: ['10.0.0.0/8', '127.0.0.1'],
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      name: 'desktop',
      unlimitedQuota: false,
      remainQuota: 123_456,
      expiresAt,
      allowedModels: ['gpt-4o-mini'],
      allowedIps: ['10.0.0.0/8', '127.0.0.1'],
    });
    // The edit reaches the relay at once: the model left the allowlist.
    expect((await chat(base, key, 'gpt-4o')).status).not.toBe(200);
    expect((await chat(base, key, 'gpt-4o-mini')).status).toBe(200);
    await edit(id, { allowedIps: ['10.0.0.0/8'] });
    expect((await chat(base, key, 'gpt-4o-mini')).status).toBe(403);
    const bad = await edit(id, { allowedIps: ['not-an-ip'] });
    expect(bad.status).toBe(400);
  });

  it('brings an expired key back when its expiry moves into the future', async () => {
    const { id, key } = await create({ name: 'old', unlimitedQuota: true });
    await gateway.services.storage.repositories.tokens.update(id, {
      status: 'expired',
      expiresAt: 1_000,
    });
    await gateway.services.changes.publish('tokens');
    expect((await chat(base, key)).status).toBe(401);
    const renamed = await edit(id, { name: 'still-old' });
    expect(await renamed.json()).toMatchObject({ status: 'expired' });
    const extended = await edit(id, { expiresAt: Date.now() + 3_600_000 });
    expect(await extended.json()).toMatchObject({ status: 'enabled' });
    expect((await chat(base, key)).status).toBe(200);
    // An explicit status wins over the revival.
    const kept = await edit(id, { expiresAt: null, status: 'disabled' });
    expect(await kept.json()).toMatchObject({ status: 'disabled', expiresAt: null });
  });

  it('answers 404 for someone else’s key', async () => {
    const { id } = await create({ name: 'mine' });
    await createUserWithKey(base, { username: 'lee', password: 'lee-password' });
    const other = await signIn(base, 'lee', 'lee-password');
    expect((await edit(id, { name: 'theirs' }, other)).status).toBe(404);
  });
});
