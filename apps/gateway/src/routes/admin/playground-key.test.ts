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

interface HandedOut {
  id: number;
  name: string;
  key: string;
  expiresAt: number;
  status: string;
}

describe('POST /api/user/self/playground-key', () => {
  let gateway: TestGateway;
  let upstream: FixtureServer;
  let base: string;
  let session: Record<string, string>;

  const handOut = async (headers = session) => {
    const response = await fetch(
      `${base}/api/user/self/playground-key`,
      jsonRequest('POST', undefined, headers),
    );
    return { status: response.status, body: (await response.json()) as HandedOut };
  };
  const playgroundKeys = async () => {
    const response = await fetch(`${base}/api/tokens`, { headers: session });
    const { items } = (await response.json()) as { items: HandedOut[] };
    return items.filter((token) => token.name === 'playground');
  };

  beforeAll(async () => {
    upstream = await startOpenAIUpstream();
    gateway = await createTestGateway(ROOT_ENV);
    base = await gateway.listen();
    await createOpenAIChannel(base, upstream);
    await createUserWithKey(base, { username: 'pat', password: 'pat-password', quota: 1_000_000 });
    session = await signIn(base, 'pat', 'pat-password');
  });
  afterAll(async () => {
    await gateway?.close();
    await upstream?.close();
  });

  it('makes one key on the first call, and the relay takes it', async () => {
    const before = Date.now();
    const { status, body } = await handOut();
    expect(status).toBe(201);
    expect(body).toMatchObject({ name: 'playground', status: 'enabled' });
    expect(body.key).toMatch(/^sk-/);
    expect(body).not.toHaveProperty('keyHash');
    expect(body.expiresAt).toBeGreaterThanOrEqual(before + 23 * 3_600_000);
    expect((await chat(base, body.key)).status).toBe(200);
  });

  it('reuses that key on every later visit: same key row, new secret, old secret refused', async () => {
    const [first] = await playgroundKeys();
    const oldSecret = (await handOut()).body.key;
    expect((await chat(base, oldSecret)).status).toBe(200);
    for (let visit = 0; visit < 5; visit++) {
      const { status, body } = await handOut();
      expect(status).toBe(200);
      expect(body.id).toBe(first!.id);
    }
    const latest = await handOut();
    expect((await chat(base, latest.body.key)).status).toBe(200);
    // Rotated: the secret from a visit ago no longer works, even from the relay's key cache.
    expect((await chat(base, oldSecret)).status).toBe(401);
    expect(await playgroundKeys()).toHaveLength(1);
  });

  it('brings an expired or disabled Playground key back', async () => {
    const [token] = await playgroundKeys();
    await gateway.services.storage.repositories.tokens.update(token!.id, {
      status: 'expired',
      expiresAt: 1_000,
    });
    const { body } = await handOut();
    expect(body).toMatchObject({ id: token!.id, status: 'enabled' });
    expect(body.expiresAt).toBeGreaterThan(Date.now());
    expect((await chat(base, body.key)).status).toBe(200);
  });

  it('is each user’s own, and refuses the signed-out', async () => {
    await createUserWithKey(base, { username: 'quinn', password: 'quinn-password' });
    const other = await handOut(await signIn(base, 'quinn', 'quinn-password'));
    expect(other.status).toBe(201);
    expect(other.body.id).not.toBe((await playgroundKeys())[0]!.id);
    const anonymous = await fetch(`${base}/api/user/self/playground-key`, { method: 'POST' });
    expect(anonymous.status).toBe(401);
  });
});
