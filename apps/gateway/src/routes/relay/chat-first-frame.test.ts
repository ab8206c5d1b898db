import { readFileSync } from 'node:fs';
import type { FixtureServer } from '@oneapi/adapters/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApiKeyAs,
  createTestGateway,
  jsonRequest,
  type TestGateway,
} from '../../testing/create-test-gateway';
import { startMockAnthropic } from '../../testing/mock-anthropic-upstream';

const UPSTREAM_KEY = 'sk-ant-upstream-first-frame-7c21';
const STREAM = readFileSync(
  new URL('./__fixtures__/messages-stream-text.sse', import.meta.url),
  'utf8',
);

// Node writes what a response is given only once the turn's microtasks have run: a burst of
// upstream events translated in one run of them left together, after the last. The first
// frame is handed on, then the relay waits a turn of the event loop before the next.
describe('a translated stream whose events come in one burst', () => {
  let gateway: TestGateway;
  let upstream: FixtureServer;
  let apiKey: string;

  beforeAll(async () => {
    upstream = await startMockAnthropic({ apiKey: UPSTREAM_KEY, answer: () => ({ sse: STREAM }) });
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
      name: 'burst',
      key: UPSTREAM_KEY,
      baseUrl: upstream.url,
      allowPrivateNetwork: true,
      models: ['claude-sonnet-4-5'],
    });
    const { id } = await admin('/api/users', { username: 'dev', password: 'dev-password' });
    await admin(`/api/users/${id}/quota`, {
      amount: 5_000_000,
      idempotencyKey: 'first-frame-grant',
      reason: 'test',
    });
    apiKey = await createApiKeyAs(base, { username: 'dev', password: 'dev-password' });
  });

  afterAll(async () => {
    await gateway?.close();
    await upstream?.close();
  });

  it('hands on its first frame a turn of the event loop before the next', async () => {
    const response = await gateway.app.request(
      '/v1/chat/completions',
      jsonRequest(
        'POST',
        {
          model: 'claude-sonnet-4-5',
          stream: true,
          messages: [{ role: 'user', content: 'Hi' }],
        },
        { authorization: `Bearer ${apiKey}` },
      ),
    );
    expect(response.status).toBe(200);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    const first = decoder.decode((await reader.read()).value);
    expect(first).toMatch(/^data: \{"id":/);
    let turned = false;
    setImmediate(() => {
      turned = true;
    });
    let rest = decoder.decode((await reader.read()).value);
    expect(turned).toBe(true);
    for (let read = await reader.read(); !read.done; read = await reader.read())
      rest += decoder.decode(read.value);
    expect(rest.endsWith('data: [DONE]\n\n')).toBe(true);
  });
});
