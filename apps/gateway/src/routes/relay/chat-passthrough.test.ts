import { readFileSync } from 'node:fs';
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
const STREAM = fixture('chat-stream-include-usage.sse');
const COMPLETION = fixture('chat-completion-text.json');
const DEFAULT_MAX_TOKENS = 777;

/**
 * Chat Completions to a pool of OpenAI channels: the client's bytes go up with only the
 * gateway's fields set, the answer comes back as OpenAI wrote it (named with the model the
 * client asked for), and the usage it reports is billed. A pool with another type in it is
 * translated instead.
 */
describe('chat completions passed through to OpenAI channels', () => {
  let gateway: TestGateway;
  let upstream: FixtureServer;
  let failing: FixtureServer;
  let anthropic: FixtureServer;
  let sdk: OpenAI;
  let apiKey: string;

  beforeAll(async () => {
    upstream = await startFixtureServer(({ body }) =>
      JSON.parse(body).stream
        ? { headers: { 'content-type': 'text/event-stream' }, body: STREAM, splitAt: [10, 300] }
        : { body: COMPLETION },
    );
    // Answers 200 and then an error event before any chunk: OpenAI's mid-stream error shape.
    failing = await startFixtureServer(() => ({
      headers: { 'content-type': 'text/event-stream' },
      body: `data: ${JSON.stringify({ error: { message: 'The server had an error while processing your request.', type: 'server_error' } })}\n\n`,
    }));
    anthropic = await startFixtureServer(() => ({ body: fixture('messages-text.json') }));
    gateway = await createTestGateway({
      INITIAL_ROOT_ACCESS_TOKEN: 'root-access-token',
      DEFAULT_MAX_TOKENS: String(DEFAULT_MAX_TOKENS),
    });
    const base = await gateway.listen();
    const admin = async (path: string, body: unknown) => {
      const response = await fetch(
        `${base}${path}`,
        jsonRequest('POST', body, { authorization: 'Bearer root-access-token' }),
      );
      expect(response.status, await response.clone().text()).toBeLessThan(300);
      return (await response.json()) as { id: number };
    };
    const openai = { type: 'openai', key: 'sk-openai-upstream', allowPrivateNetwork: true };
    await admin('/api/channels', {
      ...openai,
      name: 'openai',
      baseUrl: `${upstream.url}/v1`,
      models: ['gpt-4o', 'gpt-4o-mini', 'mixed'],
      modelMapping: { 'gpt-4o-mini': 'gpt-4o-mini-2024-07-18' },
    });
    // Tried first for gpt-4o: its stream fails before its first chunk.
    await admin('/api/channels', {
      ...openai,
      name: 'failing',
      baseUrl: `${failing.url}/v1`,
      priority: 10,
      models: ['gpt-4o'],
    });
    await admin('/api/channels', {
      type: 'anthropic',
      name: 'anthropic',
      key: 'sk-ant-upstream',
      baseUrl: anthropic.url,
      allowPrivateNetwork: true,
      priority: -1,
      models: ['mixed'],
    });
    await fetch(
      `${base}/api/prices/models/mixed`,
      jsonRequest(
        'PUT',
        { inputPerMillion: 1, outputPerMillion: 2 },
        { authorization: 'Bearer root-access-token' },
      ),
    );
    const { id } = await admin('/api/users', { username: 'dev', password: 'dev-password' });
    await admin(`/api/users/${id}/quota`, {
      amount: 50_000_000,
      idempotencyKey: 'chat-passthrough-grant',
      reason: 'test',
    });
    apiKey = await createApiKeyAs(base, { username: 'dev', password: 'dev-password' });
    sdk = new OpenAI({ apiKey, baseURL: `${base}/v1`, maxRetries: 0 });
  });

  afterAll(async () => {
    await gateway?.close();
    await upstream?.close();
    await failing?.close();
    await anthropic?.close();
  });

  const post = (body: string) =>
    fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body,
    });
  const lastLog = async () =>
    (await gateway.services.storage.repositories.logs.list({ type: 'consume', limit: 1 })).items[0];

  it("sends the client's bytes with only the gateway's fields set, and names the asked model", async () => {
    // Spacing, member order and an unknown field a re-encoding would not all keep.
    const written =
      '{ "messages" : [ {"role":"user","content":"caf\\u00e9"} ],\n "model":"gpt-4o-mini", "max_tokens" : 9, "future_field": {"a": [1, 2]} }';
    const response = await post(written);
    expect(response.status).toBe(200);
    const answer = (await response.json()) as Record<string, unknown>;
    expect(upstream.requests.at(-1)!.body).toBe(
      written.replace('"gpt-4o-mini"', '"gpt-4o-mini-2024-07-18"'),
    );
    // The answer as OpenAI wrote it, but for the model's name: the channel's mapping stays ours.
    expect(answer).toEqual({ ...JSON.parse(COMPLETION), model: 'gpt-4o-mini' });
    expect(await lastLog()).toMatchObject({
      requestId: response.headers.get('x-request-id'),
      model: 'gpt-4o-mini',
      upstreamModel: 'gpt-4o-mini-2024-07-18',
      promptTokens: 16,
      completionTokens: 363,
      usageEstimated: false,
    });
  });

  it('sets the default output cap the hold is priced on when the client set none', async () => {
    await post('{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}');
    const sent = JSON.parse(upstream.requests.at(-1)!.body);
    expect(sent.max_completion_tokens).toBe(DEFAULT_MAX_TOKENS);
  });

  it('streams, asking for usage to bill and hiding the usage chunk from a client that did not', async () => {
    const stream = await sdk.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(JSON.parse(upstream.requests.at(-1)!.body).stream_options).toEqual({
      include_usage: true,
    });
    expect(chunks.every((chunk) => chunk.choices.length > 0 && !chunk.usage)).toBe(true);
    expect(chunks.every((chunk) => chunk.model === 'gpt-4o-mini')).toBe(true);
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe(
      '{"city":"San Francisco","units":"c"}',
    );
    await expect.poll(async () => (await lastLog())?.isStream).toBe(true);
    expect(await lastLog()).toMatchObject({ promptTokens: 17, completionTokens: 10 });
  });

  it('passes the usage chunk to a client that asked for it', async () => {
    const stream = await sdk.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.at(-1)).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 17, completion_tokens: 10 },
    });
  });

  it('fails over to the next channel when a stream reports an error before its first chunk', async () => {
    const stream = await sdk.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('{"city":"San Francisco","units":"c"}');
    expect(failing.requests.length).toBeGreaterThan(0);
  });

  it('translates for a pool with another type in it, so each channel can serve', async () => {
    const before = anthropic.requests.length;
    const written = '{ "model":"mixed", "messages":[{"role":"user","content":"hi"}] }';
    const response = await post(written);
    expect(response.status, await response.clone().text()).toBe(200);
    // The OpenAI channel (priority 0) served, with the canonical request re-encoded.
    const sent = upstream.requests.at(-1)!.body;
    expect(sent).not.toContain('"model":"mixed", ');
    expect(JSON.parse(sent)).toMatchObject({
      model: 'mixed',
      max_completion_tokens: DEFAULT_MAX_TOKENS,
    });
    expect(anthropic.requests.length).toBe(before);
  });
});
