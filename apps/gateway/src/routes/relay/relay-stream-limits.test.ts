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
const STREAM = fixture('chat-stream-include-usage.sse');

// Streams that take their time: the upstream pauses 1.3 s between two halves of a
// recorded stream, longer than the 1 s heartbeat configured here.
describe('slow streams', () => {
  let gateway: TestGateway;
  let upstream: FixtureServer;
  let apiKey: string;
  let devId: number;

  beforeAll(async () => {
    upstream = await startFixtureServer(() => ({
      headers: { 'content-type': 'text/event-stream' },
      body: STREAM,
      splitAt: [Math.floor(STREAM.length / 2)],
      delayMs: 1300,
    }));
    gateway = await createTestGateway({
      INITIAL_ROOT_ACCESS_TOKEN: 'root-access-token',
      STREAM_HEARTBEAT: '1',
      TOKEN_CONCURRENCY_LIMIT: '2',
    });
    const base = await gateway.listen();
    const root = { authorization: 'Bearer root-access-token' };
    const admin = async (path: string, body: unknown) => {
      const response = await fetch(`${base}${path}`, jsonRequest('POST', body, root));
      expect(response.status).toBeLessThan(300);
      return (await response.json()) as { id: number };
    };
    await admin('/api/channels', {
      type: 'openai',
      name: 'slow',
      key: 'sk-upstream-slow',
      baseUrl: `${upstream.url}/v1`,
      allowPrivateNetwork: true,
      models: ['gpt-4o'],
    });
    ({ id: devId } = await admin('/api/users', { username: 'dev', password: 'dev-password' }));
    await admin(`/api/users/${devId}/quota`, {
      amount: 1_000_000,
      idempotencyKey: 'slow-streams-grant',
      reason: 'test',
    });
    apiKey = await createApiKeyAs(base, { username: 'dev', password: 'dev-password' });
  });

  afterAll(async () => {
    await gateway?.close();
    await upstream?.close();
  });

  const streamRequest = () =>
    fetch(
      `${gateway.url}/v1/chat/completions`,
      jsonRequest(
        'POST',
        { model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: 'hi' }] },
        { authorization: `Bearer ${apiKey}` },
      ),
    );

  it('keeps a silent OpenAI stream alive with SSE comments the SDK skips', async () => {
    const raw = await (await streamRequest()).text();
    expect(raw).toContain(': keep-alive\n\n');
    const sdk = new OpenAI({ apiKey, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
    const stream = await sdk.chat.completions.create({
      model: 'gpt-4o',
      stream: true,
      messages: [{ role: 'user', content: 'hi' }],
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('{"city":"San Francisco","units":"c"}');
  });

  it('keeps a silent Anthropic stream alive with the ping events its SDK skips', async () => {
    const raw = await (
      await fetch(
        `${gateway.url}/v1/messages`,
        jsonRequest(
          'POST',
          {
            model: 'gpt-4o',
            max_tokens: 64,
            stream: true,
            messages: [{ role: 'user', content: 'hi' }],
          },
          { 'x-api-key': apiKey },
        ),
      )
    ).text();
    expect(raw).toContain('event: ping\ndata: {"type": "ping"}\n\n');
    const anthropic = new Anthropic({ apiKey, baseURL: gateway.url, maxRetries: 0 });
    const final = await anthropic.messages
      .stream({ model: 'gpt-4o', max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] })
      .finalMessage();
    expect(final.content).toEqual([{ type: 'text', text: '{"city":"San Francisco","units":"c"}' }]);
  });

  it('refuses a third concurrent request of one key, and admits it again once one ended', async () => {
    const first = await streamRequest();
    const second = await streamRequest();
    const third = await streamRequest();
    expect(third.status).toBe(429);
    expect(await third.json()).toMatchObject({
      error: { type: 'rate_limit_error', code: 'too_many_concurrent_requests' },
    });
    await first.text();
    await second.text();
    const fourth = await streamRequest();
    expect(fourth.status).toBe(200);
    await fourth.text();
    // Nothing held: every admitted stream was settled, the refused one never reserved.
    await expect
      .poll(() => gateway.services.storage.repositories.quotaReservations.sumOpen(devId))
      .toBe(0);
    expect(gateway.services.tokenConcurrency.inFlight(1)).toBe(0);
  });
});
