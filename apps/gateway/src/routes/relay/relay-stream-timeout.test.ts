import { readFileSync } from 'node:fs';
import { type FixtureServer, startFixtureServer } from '@oneapi/adapters/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestGateway,
  jsonRequest,
  type TestGateway,
} from '../../testing/create-test-gateway';

const fixture = (name: string) =>
  readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const stream = fixture('chat-stream-include-usage.sse');
const anthropicStream = fixture('messages-thinking-stream.sse');

describe('relay stream idle timeout', () => {
  let gateway: TestGateway;
  let upstream: FixtureServer;
  let anthropic: FixtureServer;

  beforeAll(async () => {
    // The upstream sends its first event, then falls silent for longer than STREAMING_TIMEOUT.
    upstream = await startFixtureServer(() => ({
      headers: { 'content-type': 'text/event-stream' },
      body: stream,
      splitAt: [stream.indexOf('\n\n') + 2],
      delayMs: 2_500,
    }));
    anthropic = await startFixtureServer(() => ({
      headers: { 'content-type': 'text/event-stream' },
      body: anthropicStream,
      splitAt: [anthropicStream.indexOf('\n\n') + 2],
      delayMs: 2_500,
    }));
    gateway = await createTestGateway({
      INITIAL_ROOT_ACCESS_TOKEN: 'root-access-token',
      INITIAL_ROOT_TOKEN: 'sk-roottoken1234567890',
      STREAMING_TIMEOUT: '1',
    });
    await gateway.listen();
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
          models: ['gpt-4o'],
        },
        { authorization: 'Bearer root-access-token' },
      ),
    );
    expect(created.status).toBe(201);
    const passthrough = await fetch(
      `${gateway.url}/api/channels`,
      jsonRequest(
        'POST',
        {
          type: 'anthropic',
          name: 'slow-anthropic',
          key: 'k',
          baseUrl: anthropic.url,
          allowPrivateNetwork: true,
          models: ['claude-sonnet-4-0'],
        },
        { authorization: 'Bearer root-access-token' },
      ),
    );
    expect(passthrough.status).toBe(201);
    const topUp = await fetch(
      `${gateway.url}/api/users/1/quota`,
      jsonRequest(
        'POST',
        { amount: 100_000, idempotencyKey: 'root-credit', reason: 'test' },
        { authorization: 'Bearer root-access-token' },
      ),
    );
    expect(topUp.status).toBe(201);
  });

  afterAll(async () => {
    await gateway?.close();
    await upstream?.close();
    await anthropic?.close();
  });

  it('ends a silent stream with an OpenAI error event and no [DONE]', async () => {
    const started = Date.now();
    const response = await fetch(
      `${gateway.url}/v1/chat/completions`,
      jsonRequest(
        'POST',
        { model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: 'x' }] },
        { authorization: 'Bearer sk-roottoken1234567890' },
      ),
    );
    const text = await response.text();
    expect(Date.now() - started).toBeLessThan(2_400);
    const frames = text.split('\n\n').filter(Boolean);
    expect(JSON.parse(frames.at(-1)!.slice(6))).toMatchObject({
      error: { code: 'upstream_timeout' },
    });
    expect(text).not.toContain('[DONE]');
  });

  it('ends a silent passed-through Anthropic stream with an Anthropic error event', async () => {
    const started = Date.now();
    const response = await fetch(
      `${gateway.url}/v1/messages`,
      jsonRequest(
        'POST',
        {
          model: 'claude-sonnet-4-0',
          max_tokens: 64,
          stream: true,
          messages: [{ role: 'user', content: 'x' }],
        },
        { 'x-api-key': 'sk-roottoken1234567890' },
      ),
    );
    const text = await response.text();
    expect(Date.now() - started).toBeLessThan(2_400);
    expect(text.startsWith('event: message_start\n')).toBe(true);
    const last = text.split('\n\n').filter(Boolean).at(-1)!;
    expect(last.split('\n')[0]).toBe('event: error');
    expect(JSON.parse(last.split('\n')[1]!.slice(6))).toMatchObject({
      type: 'error',
      error: { type: 'api_error' },
    });
  });
});
