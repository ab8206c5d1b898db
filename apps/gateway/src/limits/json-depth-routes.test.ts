import { readFileSync } from 'node:fs';
import { type FixtureServer, startFixtureServer } from '@oneapi/adapters/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGateway, jsonRequest, type TestGateway } from '../testing/create-test-gateway';
import { MAX_JSON_OBJECTS } from './json-breadth';

const completion = readFileSync(
  new URL('../routes/relay/__fixtures__/chat-completion-text.json', import.meta.url),
  'utf8',
);
const API_KEY = 'sk-roottoken1234567890';
const relayHeaders = { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` };
const deepArray = '['.repeat(100_000) + ']'.repeat(100_000);
const deepObject = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;

// Every JSON body the gateway reads goes through the depth cap: the chat and messages routes,
// the other relay endpoints (relay-body.ts) and the admin API (parseBody).
describe('JSON depth cap on the routes', () => {
  let gateway: TestGateway;
  let upstream: FixtureServer;

  beforeAll(async () => {
    upstream = await startFixtureServer(() => ({ body: completion }));
    gateway = await createTestGateway({
      INITIAL_ROOT_ACCESS_TOKEN: 'root-access-token',
      INITIAL_ROOT_TOKEN: API_KEY,
      MAX_JSON_DEPTH: '8',
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
          models: ['gpt-4o'],
        },
        { authorization: 'Bearer root-access-token' },
      ),
    );
    expect(created.status).toBe(201);
    const topUp = await gateway.app.request(
      '/api/users/1/quota',
      jsonRequest(
        'POST',
        { amount: 1_000_000_000, idempotencyKey: 'root-credit', reason: 'test' },
        { authorization: 'Bearer root-access-token' },
      ),
    );
    expect(topUp.status).toBe(201);
  });

  afterAll(async () => {
    await gateway?.close();
    await upstream?.close();
  });

  const relay = (path: string, body: string) =>
    gateway.app.request(path, { method: 'POST', headers: relayHeaders, body });

  it.each([
    ['/v1/chat/completions', deepArray],
    ['/v1/chat/completions', deepObject],
    ['/v1/embeddings', deepArray],
    ['/v1/embeddings', deepObject],
  ])('answers a 100,000-deep body on %s with 400 invalid_request_error', async (path, body) => {
    const response = await relay(path, body);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { type: 'invalid_request_error', code: 'invalid_request' },
    });
  });

  it('answers /v1/messages in the Anthropic shape its clients parse', async () => {
    const response = await relay('/v1/messages', deepArray);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error', message: expect.stringContaining('deeper than 8') },
    });
  });

  it('answers the admin API with 400 too', async () => {
    const response = await gateway.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: deepObject,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
  });

  it('refuses a body of more objects than MAX_JSON_OBJECTS before parsing it, and relays one at the cap', async () => {
    const chat = (turns: number) =>
      JSON.stringify({
        model: 'gpt-4o',
        max_tokens: 16,
        messages: Array.from({ length: turns }, (_, i) => ({
          role: i % 2 ? 'assistant' : 'user',
          content: `turn ${i}`,
        })),
      });
    const tooMany = await relay('/v1/chat/completions', chat(MAX_JSON_OBJECTS));
    expect(tooMany.status).toBe(400);
    expect(await tooMany.json()).toMatchObject({
      error: { message: `The request body has more than ${MAX_JSON_OBJECTS} objects` },
    });
    const anthropic = await relay('/v1/messages', chat(MAX_JSON_OBJECTS));
    expect(anthropic.status).toBe(400);
    expect(await anthropic.json()).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error', message: expect.stringContaining('objects') },
    });
    const requestsBefore = upstream.requests.length;
    // The body and its turns: exactly the cap.
    expect((await relay('/v1/chat/completions', chat(MAX_JSON_OBJECTS - 1))).status).toBe(200);
    expect(upstream.requests.length).toBe(requestsBefore + 1);
    expect(JSON.parse(upstream.requests.at(-1)!.body).messages).toHaveLength(MAX_JSON_OBJECTS - 1);
  });

  it('applies MAX_JSON_DEPTH on the chat route', async () => {
    // A tool schema is where real bodies nest deepest: this one reaches 8 levels.
    const schema = (items: object) => ({ type: 'object', properties: { a: items } });
    const withTool = (parameters: object) => ({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'x' }],
      tools: [{ type: 'function', function: { name: 'f', parameters } }],
    });
    const eight = withTool(schema({ type: 'array', items: { type: 'string' } }));
    expect((await relay('/v1/chat/completions', JSON.stringify(eight))).status).toBe(200);
    const nine = withTool(schema({ type: 'array', items: { type: 'array', items: {} } }));
    const response = await relay('/v1/chat/completions', JSON.stringify(nine));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { message: 'The request body nests arrays and objects deeper than 8 levels' },
    });
  });

  it('relays a normal body with brackets inside its strings, bytes unchanged', async () => {
    const body = JSON.stringify({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: '[[[[ {{{{ \\"[[[[ ]]]]' }],
    });
    const response = await relay('/v1/chat/completions', body);
    expect(response.status).toBe(200);
    expect(JSON.parse(upstream.requests.at(-1)!.body).messages[0].content).toBe(
      '[[[[ {{{{ \\"[[[[ ]]]]',
    );
  });
});
