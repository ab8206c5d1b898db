import { describe, expect, it } from 'vitest';
import { createProviderClient } from '../../core/create-provider-client';
import { findNativeSupport } from '../../core/find-native-support';
import { startFixtureServer } from '../../testing/fixture-server';
import { readFixture } from '../../testing/fixtures';
import { bedrockAdapter } from './bedrock-adapter';
import { concatBytes, encodeExceptionFrame, encodeFrame } from './testing/bedrock-test-fixtures';

const anthropicSse = readFixture(
  new URL('../anthropic/__fixtures__/messages-stream-tool-use.sse', import.meta.url),
);
// The recorded Anthropic stream's events, as InvokeModelWithResponseStream frames them.
const events = [...anthropicSse.matchAll(/^data: (.*)$/gm)].map((match) => match[1]!);
const chunkFrame = (event: string) =>
  encodeFrame({ event: 'chunk', data: JSON.stringify({ bytes: btoa(event) }) });

const body = {
  model: 'claude-sonnet-4-5',
  max_tokens: 64,
  system: [{ type: 'text', text: 'Rules.', cache_control: { type: 'ephemeral' } }],
  messages: [{ role: 'user', content: 'hi' }],
  context_management: { edits: [] },
};

async function sendThrough(reply: Uint8Array | string, stream: boolean) {
  const upstream = await startFixtureServer(() => ({
    headers: {
      'content-type': stream ? 'application/vnd.amazon.eventstream' : 'application/json',
    },
    body: reply,
  }));
  const client = createProviderClient({
    adapter: bedrockAdapter,
    target: {
      apiKey: 'bedrock-api-key',
      baseUrl: upstream.url,
      config: { region: 'us-east-1', authMode: 'api-key' },
    },
  });
  const json = { ...body, stream };
  const response = await client.native('anthropic-messages', {
    body: new TextEncoder().encode(JSON.stringify(json)),
    json,
    model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
    stream,
    headers: { 'anthropic-beta': 'interleaved-thinking-2025-05-14, context-management-2025-06-27' },
  });
  const text = await response.text();
  await upstream.close();
  return { text, received: upstream.requests[0]! };
}

describe('Claude on Bedrock: Anthropic clients through InvokeModel', () => {
  it('sends the body as written, model and stream moved, Bedrock version and betas in the body', async () => {
    const { text, received } = await sendThrough('{"type":"message"}', false);
    expect(received.url).toBe('/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/invoke');
    const { model: _inUrl, ...rest } = body;
    expect(JSON.parse(received.body)).toEqual({
      anthropic_version: 'bedrock-2023-05-31',
      anthropic_beta: ['interleaved-thinking-2025-05-14', 'context-management-2025-06-27'],
      ...rest,
    });
    expect(received.headers.authorization).toBe('Bearer bedrock-api-key');
    expect(text).toBe('{"type":"message"}');
  });

  it("re-frames the stream as Anthropic's SSE, every event's JSON as it came", async () => {
    const { text, received } = await sendThrough(concatBytes(events.map(chunkFrame)), true);
    expect(received.url).toMatch(/\/invoke-with-response-stream$/);
    expect(JSON.parse(received.body).stream).toBeUndefined();
    const expected = events
      .map((event) => `event: ${JSON.parse(event).type}\ndata: ${event}\n\n`)
      .join('');
    expect(text).toBe(expected);
  });

  it("ends the stream with Anthropic's error event on an exception frame", async () => {
    const frames = concatBytes([
      chunkFrame(events[0]!),
      encodeExceptionFrame('throttlingException', '{"message":"Too many requests"}'),
    ]);
    const { text } = await sendThrough(frames, true);
    expect(
      text.endsWith(
        'event: error\ndata: {"type":"error","error":{"type":"rate_limit_error","message":"Too many requests"}}\n\n',
      ),
    ).toBe(true);
  });

  it('speaks the Anthropic format for Claude models only', () => {
    expect(
      findNativeSupport(bedrockAdapter, 'anthropic-messages', 'claude-opus-4-1'),
    ).toBeDefined();
    expect(
      findNativeSupport(bedrockAdapter, 'anthropic-messages', 'amazon.nova-pro-v1:0'),
    ).toBeUndefined();
  });

  it('counts tokens at CountTokens, the InvokeModel body base64-encoded, SigV4-signed', async () => {
    const upstream = await startFixtureServer(() => ({
      headers: { 'content-type': 'application/json' },
      body: '{"inputTokens":37}',
    }));
    try {
      const client = createProviderClient({
        adapter: bedrockAdapter,
        target: {
          apiKey: 'AKIDEXAMPLE:wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
          baseUrl: upstream.url,
          config: { region: 'us-east-1' },
        },
      });
      const { max_tokens: _none, ...json } = {
        ...body,
        thinking: { type: 'enabled', budget_tokens: 2048 },
      };
      const response = await client.countNativeTokens('anthropic-messages', {
        body: new TextEncoder().encode(JSON.stringify(json)),
        json,
        model: 'anthropic.claude-sonnet-4-5-20250929-v1:0',
        stream: false,
        headers: { 'anthropic-beta': 'context-management-2025-06-27' },
      });
      expect(await response.json()).toEqual({ input_tokens: 37 });
      const [received] = upstream.requests;
      expect(received!.url).toBe('/model/anthropic.claude-sonnet-4-5-20250929-v1%3A0/count-tokens');
      expect(received!.headers.authorization).toMatch(
        /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/bedrock\/aws4_request, /,
      );
      const sent = JSON.parse(received!.body) as { input: { invokeModel: { body: string } } };
      expect(Object.keys(sent)).toEqual(['input']);
      const { model: _inUrl, ...rest } = json;
      expect(JSON.parse(Buffer.from(sent.input.invokeModel.body, 'base64').toString())).toEqual({
        anthropic_version: 'bedrock-2023-05-31',
        anthropic_beta: ['context-management-2025-06-27'],
        ...rest,
        // InvokeModel's schema requires it, above the thinking budget; counting ignores it.
        max_tokens: 2049,
      });
    } finally {
      await upstream.close();
    }
  });
});
