import { readFileSync } from 'node:fs';
import Anthropic from '@anthropic-ai/sdk';
import type { FixtureServer } from '@oneapi/adapters/testing';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApiKeyAs,
  createTestGateway,
  jsonRequest,
  type TestGateway,
} from '../../testing/create-test-gateway';
import { startMockAnthropic } from '../../testing/mock-anthropic-upstream';

const UPSTREAM_KEY = 'sk-ant-upstream-cut-51f0';

/**
 * The recorded text stream without its last event: every byte up to message_stop, then a
 * clean close (what a proxy timing out between events, or an upstream restart, leaves).
 */
const WITHOUT_MESSAGE_STOP = (() => {
  const full = readFileSync(
    new URL('./__fixtures__/messages-stream-text.sse', import.meta.url),
    'utf8',
  );
  return full.slice(0, full.indexOf('event: message_stop'));
})();

// An Anthropic stream is whole only at message_stop: one that closes cleanly before it is an
// upstream cut on every ingress, passed through or translated: an error to the client in the
// ingress's shape, and a log row billed for what was delivered.
describe('An Anthropic stream closed before message_stop', () => {
  let gateway: TestGateway;
  let upstream: FixtureServer;
  let apiKey: string;

  beforeAll(async () => {
    upstream = await startMockAnthropic({
      apiKey: UPSTREAM_KEY,
      answer: () => ({ sse: WITHOUT_MESSAGE_STOP }),
    });
    gateway = await createTestGateway({ INITIAL_ROOT_ACCESS_TOKEN: 'root-access-token' });
    const base = await gateway.listen();
    const admin = async (path: string, body: unknown) => {
      const response = await fetch(
        `${base}${path}`,
        jsonRequest('POST', body, { authorization: 'Bearer root-access-token' }),
      );
      expect(response.status).toBeLessThan(300);
      return (await response.json()) as { id: number };
    };
    await admin('/api/channels', {
      type: 'anthropic',
      name: 'cut',
      key: UPSTREAM_KEY,
      baseUrl: upstream.url,
      allowPrivateNetwork: true,
      models: ['claude-sonnet-4-0', 'claude-sonnet-4-5'],
    });
    const { id } = await admin('/api/users', { username: 'dev', password: 'dev-password' });
    await admin(`/api/users/${id}/quota`, {
      amount: 5_000_000,
      idempotencyKey: 'cut-grant',
      reason: 'test',
    });
    apiKey = await createApiKeyAs(base, { username: 'dev', password: 'dev-password' });
  });

  afterAll(async () => {
    await gateway?.close();
    await upstream?.close();
  });

  const onlyLog = async (model: string) => {
    const { logs } = gateway.services.storage.repositories;
    await expect
      .poll(async () => (await logs.list({ type: 'consume', model })).items.length)
      .toBe(1);
    return (await logs.list({ type: 'consume', model })).items[0]!;
  };

  it('ends the passed-through stream with an error event the SDK throws, billed as delivered', async () => {
    const anthropic = new Anthropic({ apiKey, baseURL: gateway.url, maxRetries: 0 });
    const stream = anthropic.messages.stream({
      model: 'claude-sonnet-4-0',
      max_tokens: 64,
      messages: [{ role: 'user', content: 'Hi' }],
    });
    const texts: string[] = [];
    stream.on('text', (text) => texts.push(text));
    await expect(stream.finalMessage()).rejects.toThrow(/before message_stop/);
    expect(texts.join('')).toBe('Hello there!');
    expect(await onlyLog('claude-sonnet-4-0')).toMatchObject({
      status: 502,
      // As the recorded message_start and message_delta reported them.
      promptTokens: 11,
      completionTokens: 6,
      isStream: true,
    });
  });

  it('ends the translated stream with an error chunk and no [DONE], billed as delivered', async () => {
    const response = await fetch(
      `${gateway.url}/v1/chat/completions`,
      jsonRequest(
        'POST',
        { model: 'claude-sonnet-4-5', stream: true, messages: [{ role: 'user', content: 'Hi' }] },
        { authorization: `Bearer ${apiKey}` },
      ),
    );
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain('[DONE]');
    const last = JSON.parse(text.trim().split('\n').at(-1)!.slice('data: '.length));
    expect(last.error.message).toMatch(/before message_stop/);
    // The SDK throws it too.
    const openai = new OpenAI({ apiKey, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
    const chunks = await openai.chat.completions.create({
      model: 'claude-sonnet-4-5',
      stream: true,
      messages: [{ role: 'user', content: 'Hi' }],
    });
    await expect(
      (async () => {
        for await (const _chunk of chunks);
      })(),
    ).rejects.toThrow(/before message_stop/);
    const { logs } = gateway.services.storage.repositories;
    await expect
      .poll(
        async () => (await logs.list({ type: 'consume', model: 'claude-sonnet-4-5' })).items.length,
      )
      .toBe(2);
    const [row] = (await logs.list({ type: 'consume', model: 'claude-sonnet-4-5' })).items;
    expect(row).toMatchObject({ status: 502, promptTokens: 11, completionTokens: 6 });
  });
});
