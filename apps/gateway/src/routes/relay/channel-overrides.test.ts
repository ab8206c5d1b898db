import Anthropic from '@anthropic-ai/sdk';
import { type FixtureServer, startFixtureServer } from '@oneapi/adapters/testing';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createUserWithKey,
  ROOT,
  ROOT_ENV,
  relayFixture,
} from '../../testing/admin/admin-test-kit';
import {
  createTestGateway,
  jsonRequest,
  type TestGateway,
} from '../../testing/create-test-gateway';
import { startMockAnthropic } from '../../testing/mock-anthropic-upstream';

const ANTHROPIC_KEY = 'sk-ant-overrides-upstream-51d0';
const OPENROUTER_KEY = 'sk-or-overrides-upstream-9a2e';

/**
 * A channel's overrides reach the upstream on every path: the Anthropic channel is a
 * passthrough for /v1/messages and a translation for /v1/chat/completions.
 */
describe('per-channel header and parameter overrides', () => {
  let gateway: TestGateway;
  let anthropicUpstream: FixtureServer;
  let openrouterUpstream: FixtureServer;
  let anthropic: Anthropic;
  let openai: OpenAI;

  beforeAll(async () => {
    anthropicUpstream = await startMockAnthropic({
      apiKey: ANTHROPIC_KEY,
      answer: () => ({ json: JSON.parse(relayFixture('messages-text.json')) }),
    });
    openrouterUpstream = await startFixtureServer(({ headers }) =>
      headers.authorization === `Bearer ${OPENROUTER_KEY}`
        ? { body: relayFixture('chat-completion-text.json') }
        : { status: 401, body: relayFixture('error-401-invalid-api-key.json') },
    );
    gateway = await createTestGateway(ROOT_ENV);
    const base = await gateway.listen();
    const create = async (body: object) => {
      const response = await fetch(`${base}/api/channels`, jsonRequest('POST', body, ROOT));
      expect(response.status).toBe(201);
    };
    await create({
      type: 'anthropic',
      name: 'anthropic-overridden',
      key: ANTHROPIC_KEY,
      baseUrl: anthropicUpstream.url,
      allowPrivateNetwork: true,
      models: ['claude-sonnet-4-0'],
      overrides: {
        setHeaders: { 'X-Team': 'agents' },
        stripHeaders: ['Anthropic-Beta'],
        setParams: { service_tier: 'standard_only' },
        dropParams: ['metadata'],
      },
    });
    await create({
      type: 'openrouter',
      name: 'openrouter-overridden',
      key: OPENROUTER_KEY,
      baseUrl: `${openrouterUpstream.url}/api/v1`,
      allowPrivateNetwork: true,
      models: ['gpt-4o-mini'],
      overrides: {
        setHeaders: { 'http-referer': 'https://example.org' },
        stripHeaders: ['x-title'],
      },
    });
    const { apiKey } = await createUserWithKey(base, {
      username: 'agent',
      password: 'agent-password',
      quota: 10_000_000,
    });
    anthropic = new Anthropic({ apiKey, baseURL: gateway.url, maxRetries: 0 });
    openai = new OpenAI({ apiKey, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
  });

  afterAll(async () => {
    await gateway?.close();
    await anthropicUpstream?.close();
    await openrouterUpstream?.close();
  });

  it('passthrough: the forced header and field arrive, the stripped header and field do not', async () => {
    await anthropic.messages.create(
      {
        model: 'claude-sonnet-4-0',
        max_tokens: 64,
        metadata: { user_id: 'user_1' },
        messages: [{ role: 'user', content: 'Hi' }],
      },
      { headers: { 'anthropic-beta': 'interleaved-thinking-2025-05-14' } },
    );
    const received = anthropicUpstream.requests.at(-1)!;
    const body = JSON.parse(received.body);
    expect(received.headers['x-team']).toBe('agents');
    expect(received.headers['anthropic-beta']).toBeUndefined();
    expect(received.headers['x-api-key']).toBe(ANTHROPIC_KEY);
    expect(body.service_tier).toBe('standard_only');
    expect(body).not.toHaveProperty('metadata');
    // What the overrides do not name goes through as the client wrote it.
    expect(body).toMatchObject({ max_tokens: 64, messages: [{ role: 'user', content: 'Hi' }] });
  });

  it('translated: the same overrides on the request the adapter built', async () => {
    await openai.chat.completions.create({
      model: 'claude-sonnet-4-0',
      user: 'user_1',
      messages: [{ role: 'user', content: 'Hi' }],
    });
    const received = anthropicUpstream.requests.at(-1)!;
    const body = JSON.parse(received.body);
    expect(received.headers['x-team']).toBe('agents');
    expect(body.service_tier).toBe('standard_only');
    // The translation turns `user` into `metadata`; the channel drops it.
    expect(body).not.toHaveProperty('metadata');
    expect(body.messages).toHaveLength(1);
  });

  it('translated: a header the provider adds is stripped, another set', async () => {
    await openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Hi' }],
    });
    const received = openrouterUpstream.requests.at(-1)!;
    expect(received.headers['x-title']).toBeUndefined();
    expect(received.headers['http-referer']).toBe('https://example.org');
    expect(received.headers.authorization).toBe(`Bearer ${OPENROUTER_KEY}`);
  });
});
