import { readFileSync } from 'node:fs';
import { type GenerateContentResponse, GoogleGenAI } from '@google/genai';
import { type FixtureServer, startFixtureServer } from '@oneapi/adapters/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestGateway,
  jsonRequest,
  type TestGateway,
} from '../../testing/create-test-gateway';

const stream = readFileSync(
  new URL('./__fixtures__/chat-stream-include-usage.sse', import.meta.url),
  'utf8',
);

// A Gemini stream from a slow upstream: the SDK skips the gateway's keep-alives, and reads a
// stream the upstream abandons as Gemini's own error.
describe('Gemini ingress streams with a slow upstream', () => {
  let gateway: TestGateway;
  let upstream: FixtureServer;
  let genai: GoogleGenAI;

  beforeAll(async () => {
    // The first event, then silence: past a heartbeat for gpt-4o, past the timeout otherwise.
    upstream = await startFixtureServer(({ body }) => ({
      headers: { 'content-type': 'text/event-stream' },
      body: stream,
      splitAt: [stream.indexOf('\n\n') + 2],
      delayMs: JSON.parse(body).model === 'gpt-4o' ? 1_600 : 3_500,
    }));
    gateway = await createTestGateway({
      INITIAL_ROOT_ACCESS_TOKEN: 'root-access-token',
      INITIAL_ROOT_TOKEN: 'sk-roottoken1234567890',
      STREAM_HEARTBEAT: '1',
      STREAMING_TIMEOUT: '3',
    });
    await gateway.listen();
    const root = { authorization: 'Bearer root-access-token' };
    const created = await fetch(
      `${gateway.url}/api/channels`,
      jsonRequest(
        'POST',
        {
          type: 'openai',
          name: 'slow',
          key: 'k',
          baseUrl: upstream.url,
          allowPrivateNetwork: true,
          models: ['gpt-4o', 'gpt-4o-mini'],
        },
        root,
      ),
    );
    expect(created.status).toBe(201);
    const topUp = await fetch(
      `${gateway.url}/api/users/1/quota`,
      jsonRequest('POST', { amount: 100_000, idempotencyKey: 'root-credit', reason: 'test' }, root),
    );
    expect(topUp.status).toBe(201);
    genai = new GoogleGenAI({
      apiKey: 'sk-roottoken1234567890',
      httpOptions: { baseUrl: gateway.url, apiVersion: 'v1beta' },
    });
  });

  afterAll(async () => {
    await gateway?.close();
    await upstream?.close();
  });

  const collect = async (model: string) => {
    const chunks: GenerateContentResponse[] = [];
    for await (const chunk of await genai.models.generateContentStream({ model, contents: 'x' }))
      chunks.push(chunk);
    return chunks;
  };

  it('keeps the stream alive with comments the SDK skips', async () => {
    const raw = await fetch(`${gateway.url}/v1beta/models/gpt-4o:streamGenerateContent?alt=sse`, {
      method: 'POST',
      headers: { 'x-goog-api-key': 'sk-roottoken1234567890' },
      body: JSON.stringify({ contents: [{ parts: [{ text: 'x' }] }] }),
    });
    expect(await raw.text()).toContain(': keep-alive\r\n\r\n');
    const chunks = await collect('gpt-4o');
    expect(chunks.map((chunk) => chunk.text ?? '').join('')).toBe(
      '{"city":"San Francisco","units":"c"}',
    );
  });

  it('ends an abandoned stream with Gemini’s error, which the SDK throws', async () => {
    await expect(collect('gpt-4o-mini')).rejects.toMatchObject({
      name: 'ApiError',
      status: 504,
      message: expect.stringContaining('"status":"DEADLINE_EXCEEDED"'),
    });
    // Logged and billed for what was delivered, like any stream that failed after its start.
    await expect
      .poll(async () => {
        const { items } = await gateway.services.storage.repositories.logs.list({
          model: 'gpt-4o-mini',
        });
        return items.map((log) => log.status);
      })
      .toEqual([504]);
  });
});
