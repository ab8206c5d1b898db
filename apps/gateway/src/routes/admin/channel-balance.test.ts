import { type FixtureServer, startFixtureServer } from '@oneapi/adapters/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOpenAIChannel,
  ROOT,
  ROOT_ENV,
  signIn,
  UPSTREAM_KEY,
} from '../../testing/admin/admin-test-kit';
import {
  createTestGateway,
  jsonRequest,
  type TestGateway,
} from '../../testing/create-test-gateway';

const WRONG_KEY = 'sk-wrong-canary-5d1a77c2';

// DeepSeek's documented `GET /user/balance` answer (api-docs.deepseek.com, "Get User Balance").
const DEEPSEEK_BALANCE = {
  is_available: true,
  balance_infos: [
    {
      currency: 'CNY',
      total_balance: '110.00',
      granted_balance: '10.00',
      topped_up_balance: '100.00',
    },
  ],
};

describe('channel balance API', () => {
  let gateway: TestGateway;
  let upstream: FixtureServer;
  let base: string;
  let deepseek: number;
  let wrongKey: number;
  let openai: number;

  const balanceOf = (id: number, headers: Record<string, string> = ROOT) =>
    fetch(`${base}/api/channels/${id}/balance`, { headers });

  beforeAll(async () => {
    // A DeepSeek that knows one key and, like a careless upstream, echoes any other.
    upstream = await startFixtureServer(({ headers }) => {
      const presented = /^Bearer (.+)$/.exec(headers.authorization ?? '')?.[1] ?? '';
      if (presented !== UPSTREAM_KEY)
        return {
          status: 401,
          body: JSON.stringify({ error: { message: `bad key ${presented}` } }),
        };
      return { body: JSON.stringify(DEEPSEEK_BALANCE) };
    });
    gateway = await createTestGateway(ROOT_ENV);
    base = await gateway.listen();
    // With /v1, as OpenAI-style clients are told to set it: the balance path is at the root.
    const channel = { type: 'deepseek', models: ['deepseek-chat'] };
    ({ id: deepseek } = await createOpenAIChannel(base, upstream, { ...channel, name: 'ds' }));
    ({ id: wrongKey } = await createOpenAIChannel(base, upstream, {
      ...channel,
      name: 'ds-wrong',
      key: WRONG_KEY,
    }));
    ({ id: openai } = await createOpenAIChannel(base, upstream, { name: 'openai' }));
  });

  afterAll(async () => {
    await gateway?.close();
    await upstream?.close();
  });

  it('reads the upstream balance with the channel’s key', async () => {
    const before = Date.now();
    const response = await balanceOf(deepseek);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { checkedAt: number };
    expect(body).toEqual({ amount: 110, currency: 'CNY', checkedAt: expect.any(Number) });
    expect(body.checkedAt).toBeGreaterThanOrEqual(before);
    const sent = upstream.requests.at(-1)!;
    expect(sent).toMatchObject({ method: 'GET', url: '/user/balance' });
    expect(sent.headers.authorization).toBe(`Bearer ${UPSTREAM_KEY}`);
  });

  it('reports an upstream failure by its status only, never the key', async () => {
    const response = await balanceOf(wrongKey);
    expect(response.status).toBe(502);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({
      error: {
        message: 'The upstream answered 401 to the balance request',
        type: 'server_error',
        param: null,
        code: 'upstream_error',
      },
    });
    expect(text).not.toContain(WRONG_KEY);
  });

  it('refuses providers without a balance endpoint, and unknown channels', async () => {
    const before = upstream.requests.length;
    const response = await balanceOf(openai);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { code: 'invalid_request', message: expect.stringContaining('no balance endpoint') },
    });
    expect((await balanceOf(9999)).status).toBe(404);
    expect(upstream.requests.length).toBe(before);
  });

  it('says in GET /api/providers which types have a balance endpoint', async () => {
    const { items } = (await (await fetch(`${base}/api/providers`, { headers: ROOT })).json()) as {
      items: { id: string; hasBalance: boolean }[];
    };
    const withBalance = items.filter((provider) => provider.hasBalance).map(({ id }) => id);
    expect(withBalance).toEqual(expect.arrayContaining(['deepseek', 'openrouter', 'siliconflow']));
    expect(withBalance).not.toContain('openai');
    expect(items.every((provider) => typeof provider.hasBalance === 'boolean')).toBe(true);
  });

  it('is for admins only', async () => {
    const created = await fetch(
      `${base}/api/users`,
      jsonRequest('POST', { username: 'dev', password: 'dev-password' }, ROOT),
    );
    expect(created.status).toBe(201);
    const session = await signIn(base, 'dev', 'dev-password');
    const before = upstream.requests.length;
    expect((await balanceOf(deepseek, session)).status).toBe(403);
    expect(upstream.requests.length).toBe(before);
  });
});
