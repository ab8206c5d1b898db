import { readFileSync } from 'node:fs';
import { type FixtureServer, startFixtureServer } from '@oneapi/adapters/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGateway, jsonRequest, type TestGateway } from '../testing/create-test-gateway';

const completion = readFileSync(
  new URL('../routes/relay/__fixtures__/chat-completion-text.json', import.meta.url),
  'utf8',
);
const API_KEY = 'sk-roottoken1234567890';
const ROOT = { authorization: 'Bearer root-access-token' };
const relayHeaders = { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` };
const encode = (text: string) => new TextEncoder().encode(text);

/** `before`, then bytes that are not UTF-8 (an overlong lead, a stray 0xff), then `after`. */
function withBadBytes(before: string, after: string): Uint8Array {
  const bad = new Uint8Array([0xc3, 0x28, 0xff]);
  const [head, tail] = [encode(before), encode(after)];
  const body = new Uint8Array(head.length + bad.length + tail.length);
  body.set(head);
  body.set(bad, head.length);
  body.set(tail, head.length + bad.length);
  return body;
}

// Every JSON body reader decodes fatally: bytes that are not UTF-8 are refused, never replaced
// with U+FFFD and forwarded (and billed) as text the client did not send.
describe('bodies that are not UTF-8', () => {
  let gateway: TestGateway;
  let upstream: FixtureServer;

  beforeAll(async () => {
    upstream = await startFixtureServer(() => ({ body: completion }));
    gateway = await createTestGateway({
      INITIAL_ROOT_ACCESS_TOKEN: 'root-access-token',
      INITIAL_ROOT_TOKEN: API_KEY,
    });
    const created = await gateway.app.request(
      '/api/channels',
      jsonRequest(
        'POST',
        {
          type: 'openai',
          name: 'fixture',
          key: 'k',
          baseUrl: upstream.url,
          allowPrivateNetwork: true,
          models: ['gpt-4o', 'text-embedding-3-small'],
        },
        ROOT,
      ),
    );
    expect(created.status).toBe(201);
    const topUp = await gateway.app.request(
      '/api/users/1/quota',
      jsonRequest('POST', { amount: 100_000, idempotencyKey: 'root-credit', reason: 'test' }, ROOT),
    );
    expect(topUp.status).toBe(201);
  });

  afterAll(async () => {
    await gateway?.close();
    await upstream?.close();
  });

  const relay = (path: string, body: Uint8Array) =>
    gateway.app.request(path, { method: 'POST', headers: relayHeaders, body });
  const quota = async () =>
    (
      (await (await gateway.app.request('/api/users/1', { headers: ROOT })).json()) as {
        quota: number;
      }
    ).quota;

  const chat = withBadBytes('{"model":"gpt-4o","messages":[{"role":"user","content":"h', 'i"}]}');
  const message = withBadBytes(
    '{"model":"gpt-4o","max_tokens":8,"messages":[{"role":"user","content":"h',
    'i"}]}',
  );
  const OPENAI_REFUSAL = {
    error: {
      message: 'The request body must be valid UTF-8',
      type: 'invalid_request_error',
      code: 'invalid_request',
    },
  };

  it.each([
    ['/v1/chat/completions', chat],
    ['/v1/embeddings', withBadBytes('{"model":"text-embedding-3-small","input":"h', 'i"}')],
  ])(
    'answers %s with 400 in the OpenAI shape, forwarding and billing nothing',
    async (path, body) => {
      const [requestsBefore, quotaBefore] = [upstream.requests.length, await quota()];
      const response = await relay(path, body);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject(OPENAI_REFUSAL);
      expect(upstream.requests.length).toBe(requestsBefore);
      expect(await quota()).toBe(quotaBefore);
    },
  );

  it.each(['/v1/messages', '/v1/messages/count_tokens'])(
    'answers %s with 400 in the Anthropic shape',
    async (path) => {
      const requestsBefore = upstream.requests.length;
      const response = await relay(path, message);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        type: 'error',
        error: { type: 'invalid_request_error', message: 'The request body must be valid UTF-8' },
      });
      expect(upstream.requests.length).toBe(requestsBefore);
    },
  );

  it('answers the admin API with 400 too', async () => {
    const response = await gateway.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: withBadBytes('{"username":"root","password":"', '"}'),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject(OPENAI_REFUSAL);
  });

  it('still relays valid UTF-8 beyond ASCII, text unchanged', async () => {
    const content = 'héllo 🌍 \\ud800';
    const body = encode(`{"model":"gpt-4o","messages":[{"role":"user","content":"${content}"}]}`);
    const response = await relay('/v1/chat/completions', body);
    expect(response.status).toBe(200);
    expect(upstream.requests.at(-1)!.body).toContain(`"content":"${content}"`);
  });
});
