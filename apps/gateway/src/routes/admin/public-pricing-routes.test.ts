import { DEFAULT_MODEL_PRICES } from '@oneapi/ledger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, ROOT_ENV } from '../../testing/admin/admin-test-kit';
import {
  createTestGateway,
  jsonRequest,
  type TestGateway,
} from '../../testing/create-test-gateway';

interface PublicPricing {
  defaultsAsOf: string;
  models: { model: string; price: Record<string, number> }[];
  groups: { group: string; ratio: number }[];
}

describe('public pricing', () => {
  let gateway: TestGateway;
  let base: string;
  // No credentials at all: the page is for visitors.
  const pricing = () => fetch(`${base}/api/public/pricing`);
  const publish = async (publicPricing: boolean) => {
    const response = await fetch(
      `${base}/api/settings`,
      jsonRequest('PATCH', { publicPricing }, ROOT),
    );
    expect(response.status).toBe(200);
  };

  beforeAll(async () => {
    gateway = await createTestGateway(ROOT_ENV);
    base = await gateway.listen();
  });
  afterAll(async () => {
    await gateway?.close();
  });

  it('is a 404 until root publishes the prices', async () => {
    const response = await pricing();
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'not_found' } });
    const status = await (await fetch(`${base}/api/status`)).json();
    expect(status).toMatchObject({ publicPricing: false });
  });

  it('lists every priced model and group ratio, signed out, once published', async () => {
    await publish(true);
    expect(await (await fetch(`${base}/api/status`)).json()).toMatchObject({
      publicPricing: true,
    });
    const response = await pricing();
    expect(response.status).toBe(200);
    const body = (await response.json()) as PublicPricing;
    expect(body.defaultsAsOf).toMatch(/^\d{4}-\d{2}$/);
    const mini = body.models.find((row) => row.model === 'gpt-4o-mini');
    expect(mini?.price).toEqual(DEFAULT_MODEL_PRICES['gpt-4o-mini']);
    expect(body.models.map((row) => row.model)).toEqual(body.models.map((row) => row.model).sort());
    expect(body.groups).toContainEqual({ group: 'default', ratio: 1 });
    // Prices and ratios only: nothing about overrides or list defaults.
    expect(Object.keys(mini ?? {}).sort()).toEqual(['model', 'price']);
  });

  it('shows root’s overrides, and closes again when turned off', async () => {
    const priced = await fetch(
      `${base}/api/prices/models/${encodeURIComponent('acme/house-model')}`,
      jsonRequest('PUT', { inputPerMillion: 1, outputPerMillion: 2 }, ROOT),
    );
    expect(priced.status).toBe(200);
    const body = (await (await pricing()).json()) as PublicPricing;
    expect(body.models).toContainEqual({
      model: 'acme/house-model',
      price: { inputPerMillion: 1, outputPerMillion: 2 },
    });
    await publish(false);
    expect((await pricing()).status).toBe(404);
  });
});
