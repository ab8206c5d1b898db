import type { FixtureServer } from '@oneapi/adapters/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  chat,
  createOpenAIChannel,
  createUserWithKey,
  ROOT,
  ROOT_ENV,
  startOpenAIUpstream,
} from '../../testing/admin/admin-test-kit';
import {
  createTestGateway,
  jsonRequest,
  type TestGateway,
} from '../../testing/create-test-gateway';

describe('bulk channel changes', () => {
  let gateway: TestGateway;
  let upstream: FixtureServer;
  let base: string;
  let apiKey: string;
  let mini: number;
  let full: number;
  let spare: number;

  const bulk = (body: unknown) =>
    fetch(`${base}/api/channels/bulk`, jsonRequest('POST', body, ROOT));
  const statusOf = async (id: number) =>
    (await gateway.services.storage.repositories.channels.findById(id))?.status;

  beforeAll(async () => {
    upstream = await startOpenAIUpstream();
    gateway = await createTestGateway(ROOT_ENV);
    base = await gateway.listen();
    ({ id: mini } = await createOpenAIChannel(base, upstream, { name: 'mini' }));
    ({ id: full } = await createOpenAIChannel(base, upstream, {
      name: 'full',
      models: ['gpt-4o'],
    }));
    ({ id: spare } = await createOpenAIChannel(base, upstream, {
      name: 'spare',
      models: ['gpt-4o-mini'],
      tag: 'spares',
    }));
    ({ apiKey } = await createUserWithKey(base, {
      username: 'alice',
      password: 'alice-password',
      quota: 10_000_000,
    }));
  });
  afterAll(async () => {
    await gateway?.close();
    await upstream?.close();
  });

  it('disables channels at once, taking them out of routing with one reload', async () => {
    expect((await chat(base, apiKey, 'gpt-4o')).status).toBe(200);
    const publish = vi.spyOn(gateway.services.changes, 'publish');
    try {
      const response = await bulk({ ids: [mini, full, spare, 999_999], action: 'disable' });
      expect(response.status).toBe(200);
      // The unknown id changes nothing.
      expect(await response.json()).toEqual({ affected: 3 });
      expect(publish.mock.calls).toEqual([['channels']]);
    } finally {
      publish.mockRestore();
    }
    for (const id of [mini, full, spare]) expect(await statusOf(id)).toBe('manually_disabled');
    for (const model of ['gpt-4o-mini', 'gpt-4o']) {
      // Every channel listing the model disabled by an admin: served by none, a final 404.
      const refused = await chat(base, apiKey, model);
      expect(refused.status, model).toBe(404);
    }
    // Nothing left to change: nothing to reload.
    expect(await (await bulk({ ids: [mini, full], action: 'disable' })).json()).toEqual({
      affected: 0,
    });
  });

  it('enables them again, back in routing', async () => {
    const response = await bulk({ ids: [mini, full, mini], action: 'enable' });
    expect(await response.json()).toEqual({ affected: 2 });
    expect(await statusOf(mini)).toBe('enabled');
    expect(await statusOf(spare)).toBe('manually_disabled');
    expect((await chat(base, apiKey, 'gpt-4o-mini')).status).toBe(200);
    expect((await chat(base, apiKey, 'gpt-4o')).status).toBe(200);
  });

  it('deletes channels', async () => {
    expect(await (await bulk({ ids: [spare], action: 'delete' })).json()).toEqual({ affected: 1 });
    expect(await statusOf(spare)).toBeUndefined();
    expect(await (await bulk({ ids: [spare], action: 'delete' })).json()).toEqual({ affected: 0 });
    expect((await chat(base, apiKey, 'gpt-4o-mini')).status).toBe(200);
  });

  it('refuses empty, oversized and unknown requests', async () => {
    const ids = Array.from({ length: 501 }, (_, i) => i + 1);
    for (const body of [
      { ids: [], action: 'disable' },
      { ids, action: 'disable' },
      { ids: [mini], action: 'nuke' },
      { ids: [0], action: 'disable' },
      { ids: [mini], action: 'disable', tag: 'x' },
    ]) {
      expect((await bulk(body)).status, JSON.stringify(body).slice(0, 40)).toBe(400);
    }
    expect(await statusOf(mini)).toBe('enabled');
  });
});
