import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProviderClient } from '../core/create-provider-client';
import { openaiAdapter } from '../providers/openai/openai-adapter';
import {
  type FixtureReply,
  type FixtureServer,
  serveFetchHandler,
  startFixtureServer,
} from '../testing/fixture-server';
import { readFixture } from '../testing/fixtures';
import { createAnthropicMessagesHandler } from './create-anthropic-messages-handler';

const openaiFixture = (name: string) =>
  readFixture(new URL(`../providers/openai/__fixtures__/${name}`, import.meta.url));

// The official Anthropic SDK talks to an OpenAI-format upstream through the Anthropic ingress.
describe('the Anthropic SDK through the Anthropic ingress', () => {
  let upstream: FixtureServer;
  let gateway: FixtureServer;
  let sdk: Anthropic;

  beforeAll(async () => {
    upstream = await startFixtureServer(({ body }): FixtureReply => {
      const request = JSON.parse(body);
      if (request.model === 'broken') {
        return {
          status: 429,
          headers: { 'retry-after': '3' },
          body: openaiFixture('error-429-insufficient-quota.json'),
        };
      }
      if (!request.stream) {
        return {
          body: openaiFixture(
            request.tools
              ? 'chat-completion-parallel-tool-calls.json'
              : 'chat-completion-text.json',
          ),
        };
      }
      const name = request.tools ? 'chat-stream-tool-call.sse' : 'chat-stream-include-usage.sse';
      return {
        headers: { 'content-type': 'text/event-stream' },
        body: openaiFixture(name),
        splitAt: [9, 10, 250, 251],
      };
    });
    const handler = createAnthropicMessagesHandler({
      resolveClient: () =>
        createProviderClient({
          adapter: openaiAdapter,
          target: { apiKey: 'sk-upstream', baseUrl: upstream.url },
        }),
    });
    gateway = await serveFetchHandler(handler);
    sdk = new Anthropic({ apiKey: 'sk-gateway', baseURL: gateway.url, maxRetries: 0 });
  });

  afterAll(async () => {
    await Promise.all([gateway?.close(), upstream?.close()]);
  });

  it('answers messages.create with an Anthropic message', async () => {
    const message = await sdk.messages.create({
      model: 'gpt-4o',
      max_tokens: 100,
      system: 'Be brief.',
      messages: [{ role: 'user', content: 'Say hi' }],
    });
    const expected = JSON.parse(openaiFixture('chat-completion-text.json'));
    expect(message.content).toEqual([{ type: 'text', text: expected.choices[0].message.content }]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage.output_tokens).toBe(expected.usage.completion_tokens);
    const sent = JSON.parse(upstream.requests.at(-1)!.body);
    expect(sent.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Say hi' },
    ]);
    expect(sent.max_tokens).toBe(100);
  });

  it('returns tool_use blocks for tool calls', async () => {
    const message = await sdk.messages.create({
      model: 'gpt-4o',
      max_tokens: 100,
      tools: [{ name: 'get_weather', input_schema: { type: 'object' } }],
      messages: [{ role: 'user', content: 'Weather?' }],
    });
    expect(message.stop_reason).toBe('tool_use');
    const toolUses = message.content.filter((block) => block.type === 'tool_use');
    expect(toolUses.length).toBeGreaterThan(0);
    expect(toolUses[0]).toMatchObject({ type: 'tool_use', input: expect.any(Object) });
  });

  it('streams text the SDK assembles into the final message', async () => {
    const stream = sdk.messages.stream({
      model: 'gpt-4o',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'Weather JSON' }],
    });
    const message = await stream.finalMessage();
    expect(message.content).toEqual([
      { type: 'text', text: '{"city":"San Francisco","units":"c"}' },
    ]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage.output_tokens).toBe(10);
  });

  it('streams tool calls as tool_use blocks with parsed input', async () => {
    const stream = sdk.messages.stream({
      model: 'gpt-4o',
      max_tokens: 100,
      tools: [{ name: 'get_weather', input_schema: { type: 'object' } }],
      messages: [{ role: 'user', content: 'Weather?' }],
    });
    const message = await stream.finalMessage();
    expect(message.stop_reason).toBe('tool_use');
    const toolUse = message.content.find((block) => block.type === 'tool_use');
    expect(toolUse).toMatchObject({ name: expect.any(String), input: expect.any(Object) });
    expect(Object.keys((toolUse as { input: object }).input).length).toBeGreaterThan(0);
  });

  it('reports upstream errors in Anthropic’s shape', async () => {
    const error = await sdk.messages
      .create({ model: 'broken', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect((error as InstanceType<typeof Anthropic.APIError>).status).toBe(502);
    expect(JSON.stringify((error as InstanceType<typeof Anthropic.APIError>).error)).not.toContain(
      'sk-upstream',
    );
  });

  it('refuses a request without max_tokens with a 400 naming it', async () => {
    const response = await fetch(`${gateway.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error', message: expect.stringContaining('max_tokens') },
    });
  });
});
