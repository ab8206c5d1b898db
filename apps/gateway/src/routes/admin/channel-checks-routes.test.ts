import type { FixtureServer } from '@oneapi/adapters/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOpenAIChannel,
  ROOT,
  ROOT_ENV,
  signIn,
  startOpenAIUpstream,
  UPSTREAM_KEY,
} from '../../testing/admin/admin-test-kit';
import {
  createTestGateway,
  jsonRequest,
  type TestGateway,
} from '../../testing/create-test-gateway';

const WRONG_KEY = 'sk-wrong-canary-0b9e4410';

describe('channel checks API', () => {
  let gateway: TestGateway;
  let upstream: FixtureServer;
  let base: string;
  let good: number;
  let bad: number;
  let anthropic: number;

  const api = (path: string, init?: RequestInit) => fetch(`${base}/api${path}`, init);
  const testChannel = async (id: number, body?: unknown) => {
    const response = await api(`/channels/${id}/test`, jsonRequest('POST', body, ROOT));
    return { status: response.status, text: await response.text() };
  };

  beforeAll(async () => {
    upstream = await startOpenAIUpstream();
    gateway = await createTestGateway(ROOT_ENV);
    base = await gateway.listen();
    ({ id: good } = await createOpenAIChannel(base, upstream, {
      name: 'good',
      models: ['gpt-4o-mini', 'gpt-4o'],
      modelMapping: { 'gpt-4o-mini': 'gpt-4o-mini-2024-07-18' },
    }));
    ({ id: bad } = await createOpenAIChannel(base, upstream, { name: 'bad', key: WRONG_KEY }));
    ({ id: anthropic } = await createOpenAIChannel(base, upstream, {
      name: 'claude',
      type: 'anthropic',
      models: ['claude-sonnet-4-0'],
    }));
    // Out of rotation: the test-everything route skips it.
    await api(
      `/channels/${anthropic}`,
      jsonRequest('PATCH', { status: 'manually_disabled' }, ROOT),
    );
  });

  afterAll(async () => {
    await gateway?.close();
    await upstream?.close();
  });

  it('tests a channel with one small chat to that channel, unbilled', async () => {
    const { status, text } = await testChannel(good);
    expect(status).toBe(200);
    const result = JSON.parse(text);
    expect(result).toMatchObject({ channelId: good, ok: true, model: 'gpt-4o-mini' });
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    expect(result).not.toHaveProperty('error');
    const sent = upstream.requests.at(-1)!;
    expect(sent.url).toBe('/v1/chat/completions');
    expect(JSON.parse(sent.body)).toMatchObject({
      model: 'gpt-4o-mini-2024-07-18',
      messages: [{ role: 'user', content: 'hi' }],
      max_tokens: 16,
    });
    const channel = await gateway.services.storage.repositories.channels.findById(good);
    expect(channel?.testedAt).toBeTypeOf('number');
    expect(channel?.testLatencyMs).toBe(result.latencyMs);
    // Nothing billed, logged or counted for an admin's test.
    const { logs, usageHourly } = gateway.services.storage.repositories;
    expect((await logs.list({ type: 'consume' })).items).toEqual([]);
    expect(await usageHourly.list({ from: 0, to: Date.now() + 3_600_000 })).toEqual([]);
  });

  it('tests the model asked for', async () => {
    const { text } = await testChannel(good, { model: 'gpt-4o' });
    expect(JSON.parse(text)).toMatchObject({ ok: true, model: 'gpt-4o' });
    expect(JSON.parse(upstream.requests.at(-1)!.body).model).toBe('gpt-4o');
    expect((await testChannel(good, { model: 42 })).status).toBe(400);
  });

  it('answers 200 with ok false when the upstream refuses, never showing the key', async () => {
    const { status, text } = await testChannel(bad);
    expect(status).toBe(200);
    const result = JSON.parse(text);
    expect(result).toMatchObject({ channelId: bad, ok: false, model: 'gpt-4o-mini' });
    expect(result.error).toEqual({
      code: 'upstream_auth_failed',
      message: expect.stringContaining('Incorrect API key provided'),
    });
    // The upstream echoed the key in its 401 body; it must not come back.
    expect(upstream.requests.at(-1)!.headers.authorization).toBe(`Bearer ${WRONG_KEY}`);
    expect(text).not.toContain(WRONG_KEY);
    expect(text).not.toContain(UPSTREAM_KEY);
  });

  it('tests every channel an admin has not disabled, in turn', async () => {
    const response = await api('/channels/test', jsonRequest('POST', undefined, ROOT));
    expect(response.status).toBe(200);
    const text = await response.text();
    const { items } = JSON.parse(text) as {
      items: Array<{ channelId: number; ok: boolean; error?: { message: string } }>;
    };
    expect(items.map(({ channelId, ok }) => ({ channelId, ok }))).toEqual([
      { channelId: good, ok: true },
      { channelId: bad, ok: false },
    ]);
    // Health took its only key out after the 401 above; an admin's test tries it anyway.
    expect(items[1]?.error).toMatchObject({ code: 'upstream_auth_failed' });
    expect(text).not.toContain(WRONG_KEY);
  });

  it('lists the models an OpenAI-compatible upstream serves', async () => {
    const response = await api(`/channels/${good}/upstream-models`, { headers: ROOT });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ models: ['gpt-4o', 'gpt-4o-mini'] });
    const sent = upstream.requests.at(-1)!;
    expect(sent).toMatchObject({ method: 'GET', url: '/v1/models' });
    expect(sent.headers.authorization).toBe(`Bearer ${UPSTREAM_KEY}`);
  });

  it('reports an upstream failure by its status only', async () => {
    const response = await api(`/channels/${bad}/upstream-models`, { headers: ROOT });
    expect(response.status).toBe(502);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({
      error: {
        message: 'The upstream answered 401 to GET /models',
        type: 'server_error',
        param: null,
        code: 'upstream_error',
      },
    });
    expect(text).not.toContain(WRONG_KEY);
  });

  it('refuses providers without a model list, and unknown channels', async () => {
    const response = await api(`/channels/${anthropic}/upstream-models`, { headers: ROOT });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { code: 'invalid_request', message: expect.stringContaining('no model list') },
    });
    expect((await api('/channels/9999/upstream-models', { headers: ROOT })).status).toBe(404);
    expect((await testChannel(9999)).status).toBe(404);
  });

  it('is for admins only', async () => {
    const created = await api(
      '/users',
      jsonRequest('POST', { username: 'dev', password: 'dev-password' }, ROOT),
    );
    expect(created.status).toBe(201);
    const session = await signIn(base, 'dev', 'dev-password');
    const before = upstream.requests.length;
    expect((await api(`/channels/${good}/test`, jsonRequest('POST', {}, session))).status).toBe(
      403,
    );
    expect((await api(`/channels/${good}/upstream-models`, { headers: session })).status).toBe(403);
    expect(upstream.requests.length).toBe(before);
  });
});
