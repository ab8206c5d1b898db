import { describe, expect, it } from 'vitest';
import { collectStream } from '../../core/collect-stream';
import { createProviderClient } from '../../core/create-provider-client';
import { findNativeSupport } from '../../core/find-native-support';
import { readStreamMessages } from '../../core/read-stream-messages';
import { chatRequestSchema } from '../../spec/openai-chat-request';
import { startFixtureServer } from '../../testing/fixture-server';
import { chunkAt, readFixture } from '../../testing/fixtures';
import { createVertexAdapter } from './vertex-adapter';

const anthropicFixture = (name: string) =>
  readFixture(new URL(`../anthropic/__fixtures__/${name}`, import.meta.url));
const adapter = createVertexAdapter({ auth: { getAccessToken: async () => 'token-abc' } });
const target = {
  baseUrl: '',
  apiKey: JSON.stringify({ client_email: 'a@b', private_key: 'pem', project_id: 'proj' }),
  config: { region: 'europe-west1' },
};
const claude = (fields: Record<string, unknown> = {}) =>
  chatRequestSchema.parse({
    model: 'claude-sonnet-4-5@20250929',
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'hi' },
    ],
    ...fields,
  });

describe('Claude on Vertex AI', () => {
  it('uses the anthropic publisher, rawPredict, and the Vertex anthropic_version without a model', async () => {
    const built = await adapter.buildChatRequest(claude({ max_tokens: 50 }), target);
    expect(built.url).toBe(
      'https://europe-west1-aiplatform.googleapis.com/v1/projects/proj/locations/europe-west1/publishers/anthropic/models/claude-sonnet-4-5%4020250929:rawPredict',
    );
    expect(built.headers).toEqual({
      'content-type': 'application/json',
      authorization: 'Bearer token-abc',
    });
    expect(JSON.parse(String(built.body))).toEqual({
      anthropic_version: 'vertex-2023-10-16',
      max_tokens: 50,
      system: 'Be brief.',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
    });
    const streamed = await adapter.buildChatRequest(claude({ stream: true }), target);
    expect(streamed.url.endsWith(':streamRawPredict')).toBe(true);
    expect(JSON.parse(String(streamed.body)).stream).toBe(true);
  });

  it('parses Claude answers and streams with the Anthropic mappers', async () => {
    const completion = adapter.parseChatResponse(
      JSON.parse(anthropicFixture('messages-text.json')),
      claude(),
    );
    expect(completion.choices[0]?.message.content).toMatch(/^Hello!/);
    const decoder = adapter.createStreamDecoder(claude({ stream: true }));
    const bytes = new TextEncoder().encode(anthropicFixture('messages-stream-tool-use.sse'));
    const events = [];
    for await (const message of readStreamMessages(chunkAt([bytes]), 'sse'))
      events.push(...decoder.decode(message));
    const { completion: streamed } = await collectStream(events, 'claude');
    expect(streamed.choices[0]?.message.tool_calls?.[0]?.function.name).toBe('get_weather');
  });

  it('reads Anthropic-shaped and Google-shaped errors', () => {
    const overloaded = adapter.parseError({
      status: 529,
      headers: new Headers(),
      body: '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}',
    });
    expect([overloaded.code, overloaded.retryable]).toEqual(['overloaded', true]);
    const google = adapter.parseError({
      status: 429,
      headers: new Headers(),
      body: '{"error":{"code":429,"message":"Quota exceeded","status":"RESOURCE_EXHAUSTED"}}',
    });
    expect(google.code).toBe('rate_limited');
  });

  it('keeps Gemini models on the google publisher', async () => {
    const built = await adapter.buildChatRequest(claude({ model: 'gemini-2.5-flash' }), target);
    expect(built.url).toContain('/publishers/google/models/gemini-2.5-flash:generateContent');
  });
});

describe('Claude on Vertex AI: Anthropic clients passed through', () => {
  it('sends the body as written, model in the URL and the Vertex anthropic_version added', async () => {
    const upstream = await startFixtureServer(() => ({
      body: anthropicFixture('messages-text.json'),
    }));
    try {
      const client = createProviderClient({
        adapter,
        target: {
          ...target,
          baseUrl: upstream.url,
          config: { ...target.config, allowPrivateNetwork: true },
        },
      });
      const json = {
        model: 'claude-sonnet-4-5@20250929',
        max_tokens: 50,
        system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }],
        messages: [{ role: 'user', content: [{ type: 'future_block', x: 1 }] }],
        context_management: { edits: [] },
        stream: true,
      };
      const response = await client.native('anthropic-messages', {
        body: new TextEncoder().encode(JSON.stringify(json)),
        json,
        model: json.model,
        stream: true,
        headers: { 'anthropic-beta': 'interleaved-thinking-2025-05-14' },
      });
      expect(response.status).toBe(200);
      const [received] = upstream.requests;
      expect(received?.url).toBe(
        '/v1/projects/proj/locations/europe-west1/publishers/anthropic/models/claude-sonnet-4-5%4020250929:streamRawPredict',
      );
      const { model: _inUrl, ...rest } = json;
      expect(JSON.parse(received!.body)).toEqual({
        anthropic_version: 'vertex-2023-10-16',
        ...rest,
      });
      expect(received?.headers.authorization).toBe('Bearer token-abc');
      expect(received?.headers['anthropic-beta']).toBe('interleaved-thinking-2025-05-14');
      expect(received?.headers['x-api-key']).toBeUndefined();
    } finally {
      await upstream.close();
    }
  });

  it('counts tokens at Vertex’s count-tokens endpoint, the model in the body', async () => {
    const upstream = await startFixtureServer(() => ({ body: '{"input_tokens":42}' }));
    try {
      const client = createProviderClient({
        adapter,
        target: {
          ...target,
          baseUrl: upstream.url,
          config: { ...target.config, allowPrivateNetwork: true },
        },
      });
      const json = {
        model: 'claude-sonnet-4-5',
        system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }],
        messages: [{ role: 'user', content: 'hello' }],
      };
      const response = await client.countNativeTokens('anthropic-messages', {
        body: new TextEncoder().encode(JSON.stringify(json)),
        json,
        model: 'claude-sonnet-4-5@20250929',
        stream: false,
        headers: {},
      });
      expect(await response.json()).toEqual({ input_tokens: 42 });
      const [received] = upstream.requests;
      expect(received?.url).toBe(
        '/v1/projects/proj/locations/europe-west1/publishers/anthropic/models/count-tokens:rawPredict',
      );
      expect(JSON.parse(received!.body)).toEqual({
        anthropic_version: 'vertex-2023-10-16',
        ...json,
        model: 'claude-sonnet-4-5@20250929',
      });
      expect(received?.headers.authorization).toBe('Bearer token-abc');
    } finally {
      await upstream.close();
    }
  });

  it('speaks the Anthropic format for Claude models only, Gemini’s for the others', () => {
    expect(
      findNativeSupport(adapter, 'anthropic-messages', 'claude-opus-4-1@20250805'),
    ).toBeDefined();
    expect(findNativeSupport(adapter, 'anthropic-messages', 'gemini-2.5-pro')).toBeUndefined();
    // The other models speak Gemini's own format, passed through as well.
    expect(findNativeSupport(adapter, 'gemini-generate-content', 'gemini-2.5-pro')).toBeDefined();
    expect(
      findNativeSupport(adapter, 'gemini-generate-content', 'claude-opus-4-1@20250805'),
    ).toBeUndefined();
  });
});
