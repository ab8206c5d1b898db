import type { FixtureServer } from '@oneapi/adapters/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chat,
  createOpenAIChannel,
  createUserWithKey,
  FIXTURE_USAGE,
  ROOT,
  ROOT_ENV,
  signIn,
  startOpenAIUpstream,
} from '../../testing/admin/admin-test-kit';
import { createTestGateway, type TestGateway } from '../../testing/create-test-gateway';

interface Bucket {
  hour: number;
  model?: string;
  userId?: number;
  channelId?: number;
  requests: number;
  errors: number;
  promptTokens: number;
  completionTokens: number;
  cachedTokens: number;
  quota: number;
}

/** Totals per series (the hour aside: a run may straddle an hour boundary). */
function totalsBy(buckets: Bucket[], series: (bucket: Bucket) => string | number | undefined) {
  const totals: Record<string, { requests: number; completionTokens: number; quota: number }> = {};
  for (const bucket of buckets) {
    expect(bucket.hour % 3_600_000).toBe(0);
    const key = String(series(bucket));
    totals[key] ??= { requests: 0, completionTokens: 0, quota: 0 };
    const total = totals[key];
    total.requests += bucket.requests;
    total.completionTokens += bucket.completionTokens;
    total.quota += bucket.quota;
  }
  return totals;
}

describe('usage API', () => {
  let gateway: TestGateway;
  let upstream: FixtureServer;
  let base: string;
  let dev: { id: number; apiKey: string };
  let eve: { id: number; apiKey: string };
  let channelId: number;

  const usage = async (path: string, headers: Record<string, string> = ROOT) => {
    const response = await fetch(`${base}/api${path}`, { headers });
    expect(response.status, path).toBe(200);
    return ((await response.json()) as { buckets: Bucket[] }).buckets;
  };
  const quotaOf = async (userId: number) =>
    (
      await gateway.services.storage.repositories.logs.list({ type: 'consume', userId })
    ).items.reduce((sum, log) => sum + log.quota, 0);

  beforeAll(async () => {
    upstream = await startOpenAIUpstream();
    gateway = await createTestGateway(ROOT_ENV);
    base = await gateway.listen();
    ({ id: channelId } = await createOpenAIChannel(base, upstream, {
      models: ['gpt-4o-mini', 'gpt-4o'],
    }));
    dev = await createUserWithKey(base, { username: 'dev', password: 'dev-password', quota: 1e6 });
    eve = await createUserWithKey(base, { username: 'eve', password: 'eve-password', quota: 1e6 });
    for (const [user, model] of [
      [dev, 'gpt-4o-mini'],
      [eve, 'gpt-4o-mini'],
      [eve, 'gpt-4o'],
    ] as const) {
      expect((await chat(base, user.apiKey, model)).status).toBe(200);
    }
  });

  afterAll(async () => {
    await gateway?.close();
    await upstream?.close();
  });

  it('sums everyone’s relayed chats into hourly buckets', async () => {
    const buckets = await usage('/usage');
    const all = totalsBy(buckets, () => 'all').all!;
    expect(all).toEqual({
      requests: 3,
      completionTokens: 3 * FIXTURE_USAGE.completion_tokens,
      quota: (await quotaOf(dev.id)) + (await quotaOf(eve.id)),
    });
    expect(all.quota).toBeGreaterThan(0);
    expect(buckets[0]).toMatchObject({ promptTokens: expect.any(Number), errors: 0 });
    expect(buckets[0]).not.toHaveProperty('model');
  });

  it('splits by model, user or channel', async () => {
    const byModel = totalsBy(await usage('/usage?groupBy=model'), (bucket) => bucket.model);
    expect(Object.keys(byModel).sort()).toEqual(['gpt-4o', 'gpt-4o-mini']);
    expect(byModel['gpt-4o-mini']?.requests).toBe(2);
    expect(byModel['gpt-4o']?.requests).toBe(1);
    const byUser = totalsBy(await usage('/usage?groupBy=user'), (bucket) => bucket.userId);
    expect(byUser[dev.id]).toEqual({
      requests: 1,
      completionTokens: FIXTURE_USAGE.completion_tokens,
      quota: await quotaOf(dev.id),
    });
    expect(byUser[eve.id]?.requests).toBe(2);
    const byChannel = totalsBy(await usage('/usage?groupBy=channel'), (bucket) => bucket.channelId);
    expect(Object.keys(byChannel)).toEqual([String(channelId)]);
    const devOnly = totalsBy(await usage(`/usage?userId=${dev.id}`), () => 'dev');
    expect(devOnly.dev?.requests).toBe(1);
  });

  it('shows a user their own usage only', async () => {
    const devSession = await signIn(base, 'dev', 'dev-password');
    // A userId in the query is not the user's to choose: it is ignored.
    const own = await usage(`/user/self/usage?userId=${eve.id}`, devSession);
    expect(totalsBy(own, () => 'dev').dev).toEqual({
      requests: 1,
      completionTokens: FIXTURE_USAGE.completion_tokens,
      quota: await quotaOf(dev.id),
    });
    const eveSession = await signIn(base, 'eve', 'eve-password');
    const byModel = totalsBy(
      await usage('/user/self/usage?groupBy=model', eveSession),
      (bucket) => bucket.model,
    );
    expect(byModel).toMatchObject({ 'gpt-4o': { requests: 1 }, 'gpt-4o-mini': { requests: 1 } });
    expect((await fetch(`${base}/api/usage`, { headers: devSession })).status).toBe(403);
  });

  it('narrows to one API key: any key for admins, only one’s own for a user', async () => {
    const { tokens } = gateway.services.storage.repositories;
    const [eveKey] = (await tokens.list({ userId: eve.id })).items;
    const [devKey] = (await tokens.list({ userId: dev.id })).items;
    const byKey = totalsBy(await usage(`/usage?tokenId=${eveKey!.id}`), () => 'eve');
    expect(byKey.eve?.requests).toBe(2);
    const eveSession = await signIn(base, 'eve', 'eve-password');
    const own = await usage(`/user/self/usage?tokenId=${eveKey!.id}`, eveSession);
    expect(totalsBy(own, () => 'eve').eve?.requests).toBe(2);
    // Another user's key narrows one's own usage to nothing, never to theirs.
    expect(await usage(`/user/self/usage?tokenId=${devKey!.id}`, eveSession)).toEqual([]);
    const refused = await fetch(`${base}/api/usage?tokenId=0`, { headers: ROOT });
    expect(refused.status).toBe(400);
  });

  it('reads a range of hours and refuses a bad one', async () => {
    const now = Date.now();
    expect(await usage(`/usage?from=${now + 7_200_000}&to=${now + 10_800_000}`)).toEqual([]);
    for (const query of [`from=${now}&to=${now}`, `from=0&to=${now}`, 'groupBy=token']) {
      const response = await fetch(`${base}/api/usage?${query}`, { headers: ROOT });
      expect(response.status, query).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'invalid_request' } });
    }
  });
});
