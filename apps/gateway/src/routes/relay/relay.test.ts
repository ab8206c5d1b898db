import { readFileSync } from 'node:fs';
import Anthropic from '@anthropic-ai/sdk';
import { type FixtureServer, startFixtureServer } from '@oneapi/adapters/testing';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApiKeyAs,
  createTestGateway,
  jsonRequest,
  type TestGateway,
} from '../../testing/create-test-gateway';

const fixture = (name: string) =>
  readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const UPSTREAM_KEY = 'sk-upstream-canary-5e1f';

// A new user's path, over real HTTP: root creates a channel, a user and a key through the
// admin API; the official OpenAI SDK then chats through the gateway to a local upstream.
describe('relay API', () => {
  let gateway: TestGateway;
  let upstream: FixtureServer;
  let sdk: OpenAI;
  let apiKey: string;
  const root = { authorization: 'Bearer root-access-token' };

  beforeAll(async () => {
    upstream = await startFixtureServer(({ body, headers }) => {
      if (headers.authorization !== `Bearer ${UPSTREAM_KEY}`) {
        return {
          status: 401,
          body: JSON.stringify({
            error: {
              message: `Incorrect API key provided: ${headers.authorization}`,
              code: 'invalid_api_key',
            },
          }),
        };
      }
      const request = JSON.parse(body);
      if (request.model === 'broken-upstream') {
        return {
          status: 500,
          body: JSON.stringify({ error: { message: `upstream failed for key ${UPSTREAM_KEY}` } }),
        };
      }
      return request.stream
        ? {
            headers: { 'content-type': 'text/event-stream' },
            body: fixture('chat-stream-include-usage.sse'),
            splitAt: [10, 200, 201],
          }
        : { body: fixture('chat-completion-text.json') };
    });
    gateway = await createTestGateway({
      INITIAL_ROOT_PASSWORD: 'root-password',
      INITIAL_ROOT_ACCESS_TOKEN: 'root-access-token',
    });
    const base = await gateway.listen();
    const admin = (path: string, body: unknown) =>
      fetch(`${base}${path}`, jsonRequest('POST', body, root));
    const channel = await admin('/api/channels', {
      type: 'openai',
      name: 'local',
      key: UPSTREAM_KEY,
      baseUrl: `${upstream.url}/v1`,
      allowPrivateNetwork: true,
      models: ['gpt-4o-mini', 'gpt-4o'],
      modelMapping: { 'gpt-4o-mini': 'gpt-4o-mini-2024-07-18', 'gpt-4o': 'broken-upstream' },
    });
    expect(channel.status).toBe(201);
    const user = await admin('/api/users', { username: 'dev', password: 'dev-password' });
    expect(user.status).toBe(201);
    const { id: devId } = (await user.json()) as { id: number };
    const topUp = await admin(`/api/users/${devId}/quota`, {
      amount: 500_000,
      idempotencyKey: 'first-top-up',
      reason: 'trial',
    });
    expect(await topUp.json()).toMatchObject({ applied: true, quota: 500_000 });
    apiKey = await createApiKeyAs(base, { username: 'dev', password: 'dev-password' });
    sdk = new OpenAI({ apiKey, baseURL: `${base}/v1`, maxRetries: 0 });
  });

  afterAll(async () => {
    await gateway?.close();
    await upstream?.close();
  });

  it('lists the models the key may use', async () => {
    const models = await sdk.models.list();
    expect(models.data.map((model) => model.id)).toEqual(['gpt-4o', 'gpt-4o-mini']);
    expect((await sdk.models.retrieve('gpt-4o-mini')).id).toBe('gpt-4o-mini');
  });

  it('completes a chat, sending the mapped model upstream and the exposed one back', async () => {
    const completion = await sdk.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(completion.model).toBe('gpt-4o-mini');
    expect(completion.choices[0]?.message.content).toBe(
      JSON.parse(fixture('chat-completion-text.json')).choices[0].message.content,
    );
    expect(JSON.parse(upstream.requests.at(-1)!.body).model).toBe('gpt-4o-mini-2024-07-18');
  });

  it('streams a chat and logs it with its usage', async () => {
    const stream = await sdk.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('{"city":"San Francisco","units":"c"}');
    await expect
      .poll(async () =>
        (await gateway.services.storage.repositories.logs.list({ type: 'consume' })).items.find(
          (log) => log.isStream,
        ),
      )
      .toMatchObject({
        model: 'gpt-4o-mini',
        upstreamModel: 'gpt-4o-mini-2024-07-18',
        promptTokens: 17,
        completionTokens: 10,
        usageEstimated: false,
        status: 200,
      });
  });

  it('gives every request an id of its own, whatever X-Request-Id the client sends', async () => {
    // The request id is the ledger's key for the hold: a client that could choose it could
    // refuse its own retries (the id is taken) or one too long for the column.
    const chat = (clientId: string) =>
      fetch(
        `${gateway.url}/v1/chat/completions`,
        jsonRequest(
          'POST',
          { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] },
          { authorization: `Bearer ${apiKey}`, 'x-request-id': clientId },
        ),
      );
    const answers = [
      await chat('client-chosen'),
      await chat('client-chosen'),
      await chat('x'.repeat(200)),
    ];
    const ids = answers.map((answer) => answer.headers.get('x-request-id'));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab]/);
    const { logs } = gateway.services.storage.repositories;
    for (const id of ids) expect((await logs.list({ requestId: id! })).items).toHaveLength(1);
  });

  it('refuses bad keys, unknown models and bad bodies in OpenAI’s shape', async () => {
    const badKey = new OpenAI({ apiKey: 'sk-wrong', baseURL: sdk.baseURL, maxRetries: 0 });
    await expect(badKey.models.list()).rejects.toMatchObject({
      status: 401,
      code: 'invalid_api_key',
    });
    await expect(
      sdk.chat.completions.create({
        model: 'no-such-model',
        messages: [{ role: 'user', content: 'x' }],
      }),
    ).rejects.toMatchObject({
      status: 404,
      code: 'model_not_found',
    });
    await expect(
      sdk.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'x' }],
        temperature: 9,
      }),
    ).rejects.toMatchObject({ status: 400, param: 'temperature' });
  });

  it('never shows the upstream key, even when the upstream echoes it', async () => {
    const error = await sdk.chat.completions
      .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] })
      .then(
        () => ({ status: 200 }),
        (caught: unknown) => caught as { status: number },
      );
    expect(error.status).toBeGreaterThanOrEqual(500);
    expect(JSON.stringify(error)).not.toContain(UPSTREAM_KEY);
    const logs = await gateway.services.storage.repositories.logs.list({ type: 'error' });
    expect(JSON.stringify(logs)).not.toContain(UPSTREAM_KEY);
  });

  it('serves Anthropic clients on /v1/messages from an OpenAI channel', async () => {
    const anthropic = new Anthropic({ apiKey, baseURL: gateway.url, maxRetries: 0 });
    const message = await anthropic.messages.create({
      model: 'gpt-4o-mini',
      max_tokens: 64,
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(message.content[0]).toMatchObject({ type: 'text' });
    expect(message.model).toBe('gpt-4o-mini');
    const stream = anthropic.messages.stream({
      model: 'gpt-4o-mini',
      max_tokens: 64,
      messages: [{ role: 'user', content: 'hi' }],
    });
    const final = await stream.finalMessage();
    expect(final.content).toEqual([{ type: 'text', text: '{"city":"San Francisco","units":"c"}' }]);
    expect(final.usage.output_tokens).toBe(10);
    // Claude Code's mid-conversation system message: placed where it stood, never a 400.
    await anthropic.messages.create({
      model: 'gpt-4o-mini',
      max_tokens: 64,
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: 'hello' },
        { role: 'system', content: 'Plan mode is on.' } as never,
        { role: 'user', content: 'plan' },
      ],
    });
    expect(JSON.parse(upstream.requests.at(-1)!.body).messages).toEqual([
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: 'hello' },
      { role: 'system', content: 'Plan mode is on.' },
      { role: 'user', content: 'plan' },
    ]);
    const refused = await anthropic.messages
      .create({ model: 'no-such-model', max_tokens: 8, messages: [{ role: 'user', content: 'x' }] })
      .then(
        () => undefined,
        (caught: unknown) => caught as { status: number; error: unknown },
      );
    expect(refused?.status).toBe(404);
    expect(refused?.error).toMatchObject({ type: 'error', error: { type: 'not_found_error' } });
    const count = (content: string) =>
      anthropic.messages.countTokens({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content }],
      });
    const short = await count('hi');
    const long = await count('hi '.repeat(200));
    expect(short.input_tokens).toBeGreaterThan(0);
    expect(long.input_tokens).toBeGreaterThan(short.input_tokens + 150);
    const badCount = await anthropic.messages
      .countTokens({ model: 'gpt-4o-mini', messages: 'nope' as never })
      .then(
        () => undefined,
        (caught: unknown) => caught as { status: number; error: unknown },
      );
    expect(badCount?.status).toBe(400);
    expect(badCount?.error).toMatchObject({ error: { type: 'invalid_request_error' } });
  });

  it('bills every request exactly: balance, logs and reservations agree', async () => {
    const { users, logs, quotaReservations } = gateway.services.storage.repositories;
    const dev = (await users.findByUsername('dev'))!;
    const consumed = (await logs.list({ userId: dev.id, type: 'consume', limit: 500 })).items;
    expect(consumed.length).toBeGreaterThanOrEqual(3);
    expect(consumed.every((entry) => entry.quota > 0)).toBe(true);
    expect(dev.quota).toBe(500_000 - consumed.reduce((sum, entry) => sum + entry.quota, 0));
    expect(dev.usedQuota).toBe(500_000 - dev.quota);
    expect(await quotaReservations.countOpen()).toBe(0);
  });

  it('shows a key its balance on the legacy billing endpoints chat front ends call', async () => {
    const { users, tokens } = gateway.services.storage.repositories;
    const dev = (await users.findByUsername('dev'))!;
    const key = (await tokens.list({ userId: dev.id })).items[0]!;
    expect(key.usedQuota).toBeGreaterThan(0);
    const get = async (path: string) =>
      (await (
        await fetch(`${gateway.url}/v1/dashboard/billing/${path}`, {
          headers: { authorization: `Bearer ${apiKey}` },
        })
      ).json()) as Record<string, number>;
    const subscription = await get('subscription');
    // An unlimited key: what it used plus what its owner can still spend, at 500,000 per USD.
    expect(subscription.hard_limit_usd).toBe((key.usedQuota + dev.quota) / 500_000);
    expect((await get('usage')).total_usage).toBe((key.usedQuota / 500_000) * 100);
  });

  it('refuses a request the balance cannot cover, with nothing charged', async () => {
    const base = gateway.url;
    await fetch(
      `${base}/api/users`,
      jsonRequest('POST', { username: 'broke', password: 'broke-password' }, root),
    );
    const broke = new OpenAI({
      apiKey: await createApiKeyAs(base, { username: 'broke', password: 'broke-password' }),
      baseURL: `${base}/v1`,
      maxRetries: 0,
    });
    const before = upstream.requests.length;
    await expect(
      broke.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'x' }],
      }),
    ).rejects.toMatchObject({
      status: 403,
      code: 'insufficient_quota',
    });
    expect(upstream.requests.length).toBe(before);
  });

  it('shows users their own logs and admins everyone’s', async () => {
    const devKeyOwner = (await gateway.services.storage.repositories.users.findByUsername('dev'))!;
    const mine = await fetch(`${gateway.url}/api/logs?userId=1`, {
      headers: { authorization: 'Bearer root-access-token' },
    });
    expect(((await mine.json()) as { items: unknown[] }).items).toEqual([]);
    const all = (await (
      await fetch(`${gateway.url}/api/logs?type=consume&limit=2`, { headers: root })
    ).json()) as {
      items: Array<{ userId: number }>;
      nextCursor: string | null;
    };
    expect(all.items).toHaveLength(2);
    expect(all.items.every((entry) => entry.userId === devKeyOwner.id)).toBe(true);
    expect(all.nextCursor).not.toBeNull();
    const bad = await fetch(`${gateway.url}/api/logs?status=abc`, { headers: root });
    expect(bad.status).toBe(400);
  });

  it('exposes Prometheus metrics for what it relayed, without secrets', async () => {
    const text = await (await fetch(`${gateway.url}/metrics`)).text();
    expect(text).toMatch(
      /oneapi_relay_requests_total\{model="gpt-4o-mini",channel="\d+",status="200",stream="true"\} \d+/,
    );
    expect(text).toMatch(
      /oneapi_relay_time_to_first_token_seconds_count\{model="gpt-4o-mini",channel="\d+"\} [1-9]/,
    );
    expect(text).toMatch(/oneapi_tokens_total\{model="gpt-4o-mini",kind="completion"\} [1-9]/);
    expect(text).toContain('oneapi_reservations_open 0');
    expect(text).toMatch(/oneapi_ledger_events_total\{event="reservations_settled"\} [1-9]/);
    const statements = (metrics: string) =>
      Number(/^oneapi_database_statements_total (\d+)$/m.exec(metrics)?.[1]);
    const read = await fetch(`${gateway.url}/api/logs?limit=1`, { headers: root });
    expect(read.status).toBe(200);
    const after = await (await fetch(`${gateway.url}/metrics`)).text();
    expect(statements(text)).toBeGreaterThan(0);
    expect(statements(after)).toBeGreaterThan(statements(text));
    expect(text).not.toContain(UPSTREAM_KEY);
    expect(text).not.toContain(apiKey);
  });
});
