import Anthropic from '@anthropic-ai/sdk';
import { type FixtureServer, startFixtureServer } from '@oneapi/adapters/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ResponsesTestbed, startResponsesTestbed } from './responses-testbed';

/** The fields Anthropic's count_tokens takes (its API reference); any other is refused. */
const COUNT_FIELDS = [
  'model',
  'messages',
  'system',
  'tools',
  'tool_choice',
  'thinking',
  'mcp_servers',
  'context_management',
  'output_config',
];
const COUNTED = 2095;

const refuse = (status: number, type: string, message: string) => ({
  status,
  body: JSON.stringify({ type: 'error', error: { type, message } }),
});

// POST /v1/messages/count_tokens, asked with the Anthropic SDK: a model served by an
// Anthropic channel is counted by Anthropic's own endpoint (its answer relayed, nothing
// billed); any other model by the gateway's tokenizer, without an upstream call.
describe('POST /v1/messages/count_tokens', () => {
  let testbed: ResponsesTestbed;
  let upstream: FixtureServer;
  let anthropic: Anthropic;

  beforeAll(async () => {
    testbed = await startResponsesTestbed();
    // Anthropic's count_tokens as its API answers it: `{input_tokens}`.
    upstream = await startFixtureServer(({ url, headers, body }) => {
      if (url !== '/v1/messages/count_tokens')
        return refuse(404, 'not_found_error', `Not found: ${url}`);
      if (headers['x-api-key'] !== 'anthropic-upstream-key')
        return refuse(401, 'authentication_error', 'invalid x-api-key');
      if (!headers['anthropic-version'])
        return refuse(400, 'invalid_request_error', 'anthropic-version: header is required');
      const extra = Object.keys(JSON.parse(body)).find((field) => !COUNT_FIELDS.includes(field));
      if (extra)
        return refuse(400, 'invalid_request_error', `${extra}: Extra inputs are not permitted`);
      return {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ input_tokens: COUNTED }),
      };
    });
    await testbed.addChannel('anthropic', upstream.url, ['claude-opus-4-1']);
    anthropic = new Anthropic({
      apiKey: testbed.apiKey,
      baseURL: testbed.gateway.url,
      maxRetries: 0,
    });
  });

  afterAll(async () => {
    await testbed?.close();
    await upstream?.close();
  });

  const params = {
    system: 'You are terse.',
    messages: [{ role: 'user' as const, content: 'Hello, Claude' }],
    tools: [
      {
        name: 'Read',
        input_schema: { type: 'object' as const, properties: { path: { type: 'string' } } },
      },
    ],
    thinking: { type: 'enabled' as const, budget_tokens: 2048 },
  };

  it("answers with Anthropic's own count, the body sent as written, nothing billed", async () => {
    const counted = await anthropic.messages.countTokens({ model: 'claude-opus-4-1', ...params });
    expect(counted).toEqual({ input_tokens: COUNTED });
    expect(upstream.requests).toHaveLength(1);
    expect(JSON.parse(upstream.requests[0]!.body)).toEqual({ model: 'claude-opus-4-1', ...params });
    expect(upstream.requests[0]!.headers['x-api-key']).toBe('anthropic-upstream-key');
    expect(await testbed.consumeLogs('claude-opus-4-1')).toEqual([]);
  });

  it("relays the upstream's refusal in Anthropic's words", async () => {
    const refused = anthropic.messages.countTokens({
      model: 'claude-opus-4-1',
      ...params,
      // Not a count_tokens field: Anthropic refuses it, and so does the mock.
      max_tokens: 10,
    } as never);
    await expect(refused).rejects.toMatchObject({
      status: 400,
      error: { error: { type: 'invalid_request_error' } },
    });
  });

  it("counts with the gateway's tokenizer for a model no Anthropic channel serves", async () => {
    const before = testbed.upstreams.openai!.requests.length;
    const counted = await anthropic.messages.countTokens({ model: 'gpt-4o', ...params });
    expect(counted.input_tokens).toBeGreaterThan(0);
    expect(counted.input_tokens).not.toBe(COUNTED);
    expect(testbed.upstreams.openai!.requests.length).toBe(before);
  });
});
