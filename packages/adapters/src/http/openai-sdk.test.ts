import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProviderClient } from '../core/create-provider-client';
import { anthropicAdapter } from '../providers/anthropic/anthropic-adapter';
import { openaiAdapter } from '../providers/openai/openai-adapter';
import type { Usage } from '../spec/usage';
import {
  type FixtureServer,
  serveFetchHandler,
  startFixtureServer,
} from '../testing/fixture-server';
import { readFixture } from '../testing/fixtures';
import { createOpenAIChatHandler } from './create-openai-chat-handler';

const openaiFixture = (name: string) =>
  readFixture(new URL(`../providers/openai/__fixtures__/${name}`, import.meta.url));
const anthropicFixture = (name: string) =>
  readFixture(new URL(`../providers/anthropic/__fixtures__/${name}`, import.meta.url));
const SSE = { 'content-type': 'text/event-stream' };

// The official OpenAI SDK calls a server built from the adapters, in front of mock
// upstreams that replay captured OpenAI and Anthropic traffic, split at awkward offsets.
describe('the OpenAI SDK through the adapters', () => {
  let openaiUpstream: FixtureServer;
  let anthropicUpstream: FixtureServer;
  let gateway: FixtureServer;
  let sdk: OpenAI;
  const billed: Array<Usage | undefined> = [];

  beforeAll(async () => {
    openaiUpstream = await startFixtureServer(({ url, body }) => {
      if (url === '/v1/embeddings') return { body: openaiFixture('embeddings.json') };
      const request = JSON.parse(body);
      if (!request.stream) return { body: openaiFixture('chat-completion-text.json') };
      const name = request.tools
        ? 'chat-stream-parallel-tool-calls.sse'
        : 'chat-stream-include-usage.sse';
      return { headers: SSE, body: openaiFixture(name), splitAt: [5, 6, 7, 100, 101, 333, 777] };
    });
    anthropicUpstream = await startFixtureServer(() => ({
      headers: SSE,
      body: anthropicFixture('messages-stream-tool-use.sse'),
      splitAt: Array.from({ length: 40 }, (_, i) => i * 53 + 3),
    }));
    const handler = createOpenAIChatHandler({
      resolveClient: (request) =>
        request.model.startsWith('claude')
          ? createProviderClient({
              adapter: anthropicAdapter,
              target: { apiKey: 'sk-ant-upstream', baseUrl: anthropicUpstream.url },
            })
          : createProviderClient({
              adapter: openaiAdapter,
              target: { apiKey: 'sk-upstream', baseUrl: `${openaiUpstream.url}/v1` },
            }),
      onUsage: (usage) => billed.push(usage),
    });
    gateway = await serveFetchHandler(handler);
    sdk = new OpenAI({ apiKey: 'sk-gateway', baseURL: `${gateway.url}/v1`, maxRetries: 0 });
  });

  afterAll(async () => {
    await Promise.all([gateway?.close(), openaiUpstream?.close(), anthropicUpstream?.close()]);
  });

  it('completes a non-stream chat and reports usage', async () => {
    const completion = await sdk.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Say hi' }],
    });
    const expected = JSON.parse(openaiFixture('chat-completion-text.json'));
    expect(completion.choices[0]?.message.content).toBe(expected.choices[0].message.content);
    expect(completion.usage?.total_tokens).toBe(expected.usage.total_tokens);
    expect(openaiUpstream.requests.at(-1)?.headers.authorization).toBe('Bearer sk-upstream');
  });

  it('streams, hiding the usage chunk it asked for on the caller’s behalf', async () => {
    const stream = await sdk.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Weather JSON' }],
      stream: true,
    });
    let text = '';
    const chunks = [];
    for await (const chunk of stream) {
      chunks.push(chunk);
      text += chunk.choices[0]?.delta.content ?? '';
    }
    expect(text).toBe('{"city":"San Francisco","units":"c"}');
    expect(chunks[0]?.choices[0]?.delta.role).toBe('assistant');
    expect(chunks.every((chunk) => chunk.choices.length > 0)).toBe(true);
    expect(JSON.parse(openaiUpstream.requests.at(-1)!.body).stream_options).toEqual({
      include_usage: true,
    });
    expect(billed.at(-1)).toMatchObject({ promptTokens: 17, completionTokens: 10 });
  });

  it('sends the usage chunk when the caller asks', async () => {
    const stream = await sdk.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Weather JSON' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.at(-1)).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 17, completion_tokens: 10 },
    });
  });

  it('streams parallel tool calls the SDK can assemble', async () => {
    const stream = sdk.chat.completions.stream({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Weather in two cities' }],
      tools: [
        { type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } },
      ],
    });
    const final = await stream.finalChatCompletion();
    const calls = final.choices[0]?.message.tool_calls ?? [];
    expect(calls.length).toBeGreaterThan(1);
    for (const call of calls) {
      expect(call.type === 'function' && JSON.parse(call.function.arguments)).toBeTruthy();
    }
    expect(final.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('lets an OpenAI client stream from Claude, tool calls included', async () => {
    const stream = sdk.chat.completions.stream({
      model: 'claude-opus-4-8',
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools: [
        { type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } },
      ],
    });
    const final = await stream.finalChatCompletion();
    const message = final.choices[0]?.message;
    expect(message?.content).toBe("I'll check the current weather in Paris for you.");
    const call = message?.tool_calls?.[0];
    expect(call?.type === 'function' && call.function.name).toBe('get_weather');
    expect(call?.type === 'function' && JSON.parse(call.function.arguments)).toMatchObject({
      location: expect.any(String),
    });
    expect(final.choices[0]?.finish_reason).toBe('tool_calls');
    const sent = JSON.parse(anthropicUpstream.requests.at(-1)!.body);
    expect(sent).toMatchObject({ model: 'claude-opus-4-8', stream: true, max_tokens: 4096 });
    expect(anthropicUpstream.requests.at(-1)?.headers['x-api-key']).toBe('sk-ant-upstream');
  });

  it('answers a bad request with an OpenAI-shaped 400 naming the field', async () => {
    const error = await sdk.chat.completions
      .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }], temperature: 7 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).error).toMatchObject({
      type: 'invalid_request_error',
      param: 'temperature',
    });
  });
});
