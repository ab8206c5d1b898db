import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FixtureServer } from '@oneapi/adapters/testing';
import { DEFAULT_MODEL_PRICES } from '@oneapi/ledger';
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
import {
  createTestGateway,
  jsonRequest,
  type TestGateway,
} from '../../testing/create-test-gateway';

interface ModelPriceView {
  model: string;
  price: Record<string, number> | null;
  overridden: boolean;
  default: Record<string, number> | null;
}

describe('prices API', () => {
  // Both gateways share one SQLite file and one key-encryption key: a restart of one instance.
  const directory = mkdtempSync(join(tmpdir(), 'oneapi-prices-'));
  const env = { ...ROOT_ENV, SQLITE_PATH: join(directory, 'oneapi.db') };
  const keyEncryptionKey = randomBytes(32);
  let gateway: TestGateway;
  let upstream: FixtureServer;
  let base: string;
  let apiKey: string;
  let opsSession: Record<string, string>;

  const api = (path: string, init?: RequestInit) => fetch(`${base}/api${path}`, init);
  const setPrice = (model: string, price: unknown, headers: Record<string, string> = ROOT) =>
    api(`/prices/models/${encodeURIComponent(model)}`, jsonRequest('PUT', price, headers));
  const listPrices = async () =>
    (await (await api('/prices', { headers: ROOT })).json()) as {
      models: ModelPriceView[];
      groups: Array<{ group: string; ratio: number; overridden: boolean }>;
    };
  /** Chats once and answers the quota its log row was billed. */
  const billedQuota = async () => {
    expect((await chat(base, apiKey)).status).toBe(200);
    const { items } = await gateway.services.storage.repositories.logs.list({
      type: 'consume',
      limit: 1,
    });
    return items[0]!.quota;
  };
  // gpt-4o-mini's default price: $0.15 in, $0.60 out per million tokens, 500,000 quota per $.
  const defaultQuota = Math.ceil(
    ((FIXTURE_USAGE.prompt_tokens * 0.15 + FIXTURE_USAGE.completion_tokens * 0.6) / 1e6) * 500_000,
  );
  const ratioQuota = (modelRatio: number, groupRatio = 1) =>
    Math.ceil(
      (FIXTURE_USAGE.prompt_tokens + FIXTURE_USAGE.completion_tokens) * modelRatio * groupRatio,
    );

  beforeAll(async () => {
    upstream = await startOpenAIUpstream();
    gateway = await createTestGateway(env, { keyEncryptionKey });
    base = await gateway.listen();
    await createOpenAIChannel(base, upstream);
    ({ apiKey } = await createUserWithKey(base, {
      username: 'dev',
      password: 'dev-password',
      quota: 1_000_000,
    }));
    await createUserWithKey(base, { username: 'ops', password: 'ops-password', role: 'admin' });
    opsSession = await signIn(base, 'ops', 'ops-password');
  });

  afterAll(async () => {
    await gateway?.close();
    await upstream?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('lists every price and group ratio, none overridden at first', async () => {
    const response = await api('/prices', { headers: opsSession });
    expect(response.status).toBe(200);
    const { models, groups } = (await response.json()) as Awaited<ReturnType<typeof listPrices>>;
    expect(models.map((entry) => entry.model)).toEqual(Object.keys(DEFAULT_MODEL_PRICES).sort());
    expect(models.find((entry) => entry.model === 'gpt-4o-mini')).toEqual({
      model: 'gpt-4o-mini',
      price: DEFAULT_MODEL_PRICES['gpt-4o-mini'],
      overridden: false,
      default: DEFAULT_MODEL_PRICES['gpt-4o-mini'],
    });
    expect(groups).toContainEqual({ group: 'default', ratio: 1, overridden: false, default: 1 });
    expect(await billedQuota()).toBe(defaultQuota);
  });

  it('bills a relayed chat at an overridden model price and group ratio', async () => {
    const set = await setPrice('gpt-4o-mini', { modelRatio: 2, completionRatio: 1 });
    expect(set.status).toBe(200);
    expect(await set.json()).toMatchObject({
      model: 'gpt-4o-mini',
      price: { modelRatio: 2, completionRatio: 1 },
      overridden: true,
      default: DEFAULT_MODEL_PRICES['gpt-4o-mini'],
    });
    expect(await billedQuota()).toBe(ratioQuota(2));

    const group = await api('/prices/groups/default', jsonRequest('PUT', { ratio: 0.5 }, ROOT));
    expect(await group.json()).toEqual({
      group: 'default',
      ratio: 0.5,
      overridden: true,
      default: 1,
    });
    expect(await billedQuota()).toBe(ratioQuota(2, 0.5));
  });

  it('keeps the overrides across a restart on the same database', async () => {
    await gateway.close();
    gateway = await createTestGateway(env, { keyEncryptionKey });
    base = await gateway.listen();
    const { models, groups } = await listPrices();
    expect(models.find((entry) => entry.model === 'gpt-4o-mini')).toMatchObject({
      price: { modelRatio: 2, completionRatio: 1 },
      overridden: true,
    });
    expect(groups).toContainEqual({ group: 'default', ratio: 0.5, overridden: true, default: 1 });
    expect(await billedQuota()).toBe(ratioQuota(2, 0.5));
    expect(
      (await api('/prices/groups/default', jsonRequest('PUT', { ratio: 1 }, ROOT))).status,
    ).toBe(200);
  });

  it('restores the default price when the override is deleted', async () => {
    const deleted = await api('/prices/models/gpt-4o-mini', { method: 'DELETE', headers: ROOT });
    expect(deleted.status).toBe(200);
    expect(await deleted.json()).toMatchObject({
      price: DEFAULT_MODEL_PRICES['gpt-4o-mini'],
      overridden: false,
    });
    expect(await billedQuota()).toBe(defaultQuota);
    const again = await api('/prices/models/gpt-4o-mini', { method: 'DELETE', headers: ROOT });
    expect(again.status).toBe(404);
  });

  it('prices a new model (any name) and removes it entirely when its override goes', async () => {
    const model = 'meta-llama/Llama-3.3-70B-Instruct';
    expect((await setPrice(model, { perRequest: 0.01 })).status).toBe(200);
    expect(gateway.services.prices.priceOf(model)).toEqual({ perRequest: 0.01 });
    const deleted = await api(`/prices/models/${encodeURIComponent(model)}`, {
      method: 'DELETE',
      headers: ROOT,
    });
    expect(await deleted.json()).toEqual({ model, price: null, overridden: false, default: null });
    expect((await listPrices()).models.some((entry) => entry.model === model)).toBe(false);
    expect(() => gateway.services.prices.priceOf(model)).toThrow(/has no price/);
  });

  it('takes a long-context tier and an image-token price, and bills by them', async () => {
    const price = {
      inputPerMillion: 1,
      outputPerMillion: 2,
      imageInputPerMillion: 3,
      longContext: { aboveInputTokens: 1_000, inputPerMillion: 4, outputPerMillion: 8 },
    };
    expect((await setPrice('tiered-model', price)).status).toBe(200);
    expect(
      (await listPrices()).models.find((entry) => entry.model === 'tiered-model'),
    ).toMatchObject({
      price,
      overridden: true,
    });
    const { prices } = gateway.services;
    // 500 text + 500 image tokens, 100 out: 500 x 1 + 500 x 3 + 100 x 2 per M = $0.0022.
    const small = { promptTokens: 1_000, imageInputTokens: 500, completionTokens: 100 };
    expect(prices.quote('tiered-model', 'default', small)).toBe(1_100);
    // One more prompt token: the tier's prices; the image price it leaves out stays the model's.
    // 501 x 4 + 500 x 3 + 100 x 8 per M = $0.004304.
    const large = { ...small, promptTokens: 1_001 };
    expect(prices.quote('tiered-model', 'default', large)).toBe(2_152);
    await api('/prices/models/tiered-model', { method: 'DELETE', headers: ROOT });
  });

  it('lets only root change prices', async () => {
    const ops = { ...opsSession };
    expect((await setPrice('gpt-4o-mini', { modelRatio: 99 }, ops)).status).toBe(403);
    expect((await api('/prices/models/gpt-4o', { method: 'DELETE', headers: ops })).status).toBe(
      403,
    );
    expect(
      (await api('/prices/groups/default', jsonRequest('PUT', { ratio: 0 }, ops))).status,
    ).toBe(403);
    expect(gateway.services.prices.priceOf('gpt-4o-mini')).toEqual(
      DEFAULT_MODEL_PRICES['gpt-4o-mini'],
    );
    expect(gateway.services.prices.groupRatioOf('default')).toBe(1);
  });

  it('refuses bad prices with the field at fault, and stores nothing', async () => {
    const cases: Array<[unknown, string | null]> = [
      [{ inputPerMillion: -1 }, 'inputPerMillion'],
      [{ modelRatio: '2' }, 'modelRatio'],
      // No pricing mode: a completion ratio alone prices nothing.
      [{ completionRatio: 2 }, null],
      [{ modelRatio: 1, surcharge: 3 }, null],
      [{ inputPerMillion: 1, longContext: { inputPerMillion: 2 } }, 'longContext.aboveInputTokens'],
      [
        { inputPerMillion: 1, longContext: { aboveInputTokens: 0.5, inputPerMillion: 2 } },
        'longContext.aboveInputTokens',
      ],
      [
        { inputPerMillion: 1, longContext: { aboveInputTokens: 10, imageInputPerMillion: -2 } },
        'longContext.imageInputPerMillion',
      ],
      // A tier cheaper than the model would let a hold fall short of its settlement.
      [
        { inputPerMillion: 2, longContext: { aboveInputTokens: 10, inputPerMillion: 1 } },
        'longContext',
      ],
    ];
    for (const [body, param] of cases) {
      const response = await setPrice('gpt-4o', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(await response.json()).toMatchObject({
        error: { type: 'invalid_request_error', code: 'invalid_request', param },
      });
    }
    const group = await api('/prices/groups/vip', jsonRequest('PUT', { ratio: -0.5 }, ROOT));
    expect(group.status).toBe(400);
    expect(await group.json()).toMatchObject({ error: { param: 'ratio' } });
    const { models, groups } = await listPrices();
    expect(models.find((entry) => entry.model === 'gpt-4o')?.overridden).toBe(false);
    expect(groups.find((entry) => entry.group === 'vip')?.overridden).toBe(false);
  });
});
