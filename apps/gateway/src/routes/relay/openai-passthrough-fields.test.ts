import { readFileSync } from 'node:fs';
import { type FixtureServer, startFixtureServer } from '@oneapi/adapters/testing';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApiKeyAs,
  createTestGateway,
  jsonRequest,
  type TestGateway,
} from '../../testing/create-test-gateway';

/*
 * Issue 16: on the passthrough paths the upstream receives the client's body unchanged except
 * for the fields the gateway owns. To an OpenAI channel those are: the model (the channel's
 * mapping); on chat, `max_completion_tokens` when the client set no limit (the output cap the
 * hold is priced on) and `stream_options.include_usage` when streaming (billing reads the usage
 * chunk); on the Responses API, `max_output_tokens` when the client set none. Everything else,
 * documented, unknown or newer than the gateway, must arrive as the client wrote it.
 */

const fixture = (name: string) =>
  readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
/** The recorded Azure Responses text stream, framed as OpenAI frames it. */
const RESPONSES_STREAM = fixture('azure-responses-stream-text.chunks.jsonl')
  .split('\n')
  .filter(Boolean)
  .map((line) => `event: ${(JSON.parse(line) as { type: string }).type}\ndata: ${line}\n\n`)
  .join('');

/** The name clients use, mapped by the channel to OpenAI's (a reasoning model: effort kept). */
const CLIENT_MODEL = 'team-reasoner';
const UPSTREAM_MODEL = 'gpt-5';
const DEFAULT_MAX_TOKENS = 4096;

/** Every field of Chat Completions' request (openai-node 6), plus fields and parts from later. */
function chatBody(stream: boolean) {
  return {
    model: CLIENT_MODEL,
    messages: [
      { role: 'developer', content: [{ type: 'text', text: 'Be brief.' }], name: 'rules' },
      { role: 'system', content: 'You are a coding agent.' },
      {
        role: 'user',
        name: 'ada',
        content: [
          { type: 'text', text: 'What is in these?' },
          { type: 'image_url', image_url: { url: 'https://example.com/a.png', detail: 'low' } },
          { type: 'input_audio', input_audio: { data: 'UklGRg==', format: 'wav' } },
          { type: 'file', file: { file_id: 'file-abc123', filename: 'notes.pdf' } },
          // A content part type newer than the gateway.
          { type: 'video_url_2027', video_url: { url: 'https://example.com/v.mp4', fps: 2 } },
        ],
      },
      {
        role: 'assistant',
        content: null,
        refusal: null,
        name: 'bot',
        audio: { id: 'audio_abc' },
        tool_calls: [
          {
            id: 'call_1',
            type: 'function',
            function: { name: 'read_file', arguments: '{"path":"README.md"}' },
          },
          { id: 'call_2', type: 'custom', custom: { name: 'apply_patch', input: '*** Begin' } },
        ],
        function_call: null,
      },
      { role: 'tool', tool_call_id: 'call_1', content: [{ type: 'text', text: '# oneapi' }] },
      { role: 'tool', tool_call_id: 'call_2', content: 'applied' },
      { role: 'function', name: 'legacy_fn', content: '{"ok":true}' },
      { role: 'user', content: 'Go on.', a_message_field_from_the_future: [1, 2] },
    ],
    audio: { voice: 'alloy', format: 'mp3' },
    frequency_penalty: 0.25,
    function_call: 'auto',
    functions: [{ name: 'legacy_fn', description: 'Old style', parameters: { type: 'object' } }],
    logit_bias: { '50256': -100 },
    logprobs: true,
    max_completion_tokens: 2048,
    metadata: { team: 'platform' },
    modalities: ['text'],
    n: 1,
    parallel_tool_calls: false,
    prediction: { type: 'content', content: 'draft' },
    presence_penalty: -0.5,
    prompt_cache_key: 'thread-42',
    prompt_cache_retention: '24h',
    reasoning_effort: 'high',
    response_format: {
      type: 'json_schema',
      json_schema: { name: 'answer', strict: true, schema: { type: 'object', properties: {} } },
    },
    safety_identifier: 'user-hash-1',
    seed: 7,
    service_tier: 'flex',
    stop: ['\n\n'],
    store: false,
    stream,
    ...(stream && { stream_options: { include_obfuscation: false } }),
    temperature: 1,
    tool_choice: { type: 'allowed_tools', allowed_tools: { mode: 'auto', tools: [] } },
    tools: [
      {
        type: 'function',
        function: {
          name: 'read_file',
          description: 'Reads a file',
          parameters: { type: 'object', properties: { path: { type: 'string' } } },
          strict: true,
        },
      },
      { type: 'custom', custom: { name: 'apply_patch', format: { type: 'text' } } },
      // A tool type newer than the gateway.
      { type: 'computer_2027', display: { width: 1024, height: 768 } },
    ],
    top_logprobs: 2,
    top_p: 0.9,
    user: 'ada@example.com',
    verbosity: 'low',
    web_search_options: { search_context_size: 'low' },
    a_field_from_the_future: { nested: { value: 1.5 }, list: [true, null] },
  };
}

/** Every field of the Responses API's request (openai-node 6), plus items and fields from later. */
function responsesBody(stream: boolean) {
  return {
    model: CLIENT_MODEL,
    background: false,
    conversation: undefined,
    include: ['reasoning.encrypted_content', 'message.output_text.logprobs'],
    input: [
      { role: 'developer', content: 'Be brief.' },
      {
        type: 'message',
        role: 'user',
        content: [
          { type: 'input_text', text: 'Fix the bug.' },
          { type: 'input_image', image_url: 'https://example.com/a.png', detail: 'auto' },
          { type: 'input_file', file_id: 'file-abc123' },
          // An input part type newer than the gateway.
          { type: 'input_video_2027', video_url: 'https://example.com/v.mp4' },
        ],
      },
      {
        type: 'reasoning',
        id: 'rs_1',
        summary: [{ type: 'summary_text', text: 'Looked at the file.' }],
        encrypted_content: 'gAAAAABencrypted',
      },
      {
        type: 'function_call',
        id: 'fc_1',
        call_id: 'call_1',
        name: 'read_file',
        arguments: '{"path":"a.ts"}',
        status: 'completed',
      },
      { type: 'function_call_output', call_id: 'call_1', output: 'export {}' },
      { type: 'custom_tool_call', call_id: 'call_2', name: 'apply_patch', input: '*** Begin' },
      { type: 'custom_tool_call_output', call_id: 'call_2', output: 'applied' },
      { type: 'item_reference', id: 'msg_earlier' },
      // An item type newer than the gateway.
      { type: 'memory_2027', id: 'mem_1', content: { facts: ['likes tabs'] } },
    ],
    instructions: 'You are Codex.',
    max_output_tokens: 2048,
    max_tool_calls: 8,
    metadata: { team: 'platform' },
    parallel_tool_calls: true,
    previous_response_id: 'resp_previous',
    prompt: { id: 'pmpt_1', version: '2', variables: { city: 'Paris' } },
    prompt_cache_key: 'thread-42',
    prompt_cache_retention: 'in-memory',
    reasoning: { effort: 'high', summary: 'auto' },
    safety_identifier: 'user-hash-1',
    service_tier: 'priority',
    store: true,
    stream,
    ...(stream && { stream_options: { include_obfuscation: false } }),
    temperature: 1,
    text: { format: { type: 'text' }, verbosity: 'low' },
    tool_choice: { type: 'function', name: 'read_file' },
    tools: [
      {
        type: 'function',
        name: 'read_file',
        description: 'Reads a file',
        parameters: { type: 'object', properties: { path: { type: 'string' } } },
        strict: true,
      },
      { type: 'web_search', search_context_size: 'low' },
      { type: 'file_search', vector_store_ids: ['vs_1'] },
      { type: 'mcp', server_label: 'docs', server_url: 'https://example.com/mcp' },
      { type: 'custom', name: 'apply_patch', description: 'Patch', format: { type: 'text' } },
      { type: 'namespace_2027', name: 'agents', tools: [] },
    ],
    top_logprobs: 2,
    top_p: 0.9,
    truncation: 'auto',
    user: 'ada@example.com',
    context_management: [{ type: 'compaction', compact_threshold: 100_000 }],
    a_field_from_the_future: { nested: { value: 1.5 }, list: [true, null] },
  };
}

describe('OpenAI passthrough: the upstream gets the client body, field by field', () => {
  let gateway: TestGateway;
  let upstream: FixtureServer;
  let anthropicUpstream: FixtureServer;
  let openai: OpenAI;

  beforeAll(async () => {
    upstream = await startFixtureServer(({ url, body }) => {
      const stream = JSON.parse(body).stream === true;
      const sse = (text: string) => ({
        headers: { 'content-type': 'text/event-stream' },
        body: text,
      });
      if (url.endsWith('/responses'))
        return stream ? sse(RESPONSES_STREAM) : { body: fixture('azure-responses-text.json') };
      return stream
        ? sse(fixture('chat-stream-include-usage.sse'))
        : { body: fixture('chat-completion-text.json') };
    });
    // Preferred for the same model, but it cannot carry OpenAI's shapes: never asked.
    anthropicUpstream = await startFixtureServer(() => ({
      body: fixture('messages-text.json'),
    }));
    gateway = await createTestGateway({
      INITIAL_ROOT_ACCESS_TOKEN: 'root-access-token',
      DEFAULT_MAX_TOKENS: String(DEFAULT_MAX_TOKENS),
    });
    const base = await gateway.listen();
    const admin = async (method: string, path: string, body: unknown) => {
      const response = await fetch(
        `${base}${path}`,
        jsonRequest(method, body, { authorization: 'Bearer root-access-token' }),
      );
      expect(response.status, await response.clone().text()).toBeLessThan(300);
      return (await response.json()) as { id: number };
    };
    await admin('POST', '/api/channels', {
      type: 'openai',
      name: 'openai',
      key: 'sk-openai-upstream',
      baseUrl: `${upstream.url}/v1`,
      allowPrivateNetwork: true,
      models: [CLIENT_MODEL],
      modelMapping: { [CLIENT_MODEL]: UPSTREAM_MODEL },
    });
    await admin('POST', '/api/channels', {
      type: 'anthropic',
      name: 'anthropic',
      key: 'sk-ant-upstream',
      baseUrl: anthropicUpstream.url,
      allowPrivateNetwork: true,
      priority: 10,
      models: [CLIENT_MODEL, 'claude-only'],
    });
    for (const model of [CLIENT_MODEL, 'claude-only'])
      await admin('PUT', `/api/prices/models/${model}`, {
        inputPerMillion: 1.25,
        outputPerMillion: 10,
      });
    const { id } = await admin('POST', '/api/users', {
      username: 'dev',
      password: 'dev-password',
    });
    await admin('POST', `/api/users/${id}/quota`, {
      amount: 50_000_000,
      idempotencyKey: 'passthrough-fields-grant',
      reason: 'test',
    });
    const apiKey = await createApiKeyAs(base, { username: 'dev', password: 'dev-password' });
    openai = new OpenAI({ apiKey, baseURL: `${base}/v1`, maxRetries: 0 });
  });

  afterAll(async () => {
    await gateway?.close();
    await upstream?.close();
    await anthropicUpstream?.close();
  });

  /**
   * What the upstream received, compared with what the client sent field by field (so a
   * failure names the field), after applying the differences the gateway owns.
   */
  function expectReceived(path: string, sent: Record<string, unknown>, owned: object): void {
    const received = upstream.requests.at(-1)!;
    expect(received.url).toBe(`/v1${path}`);
    expect(received.headers.authorization).toBe('Bearer sk-openai-upstream');
    const got = JSON.parse(received.body) as Record<string, unknown>;
    const want = JSON.parse(JSON.stringify({ ...sent, ...owned })) as Record<string, unknown>;
    expect(Object.keys(got).sort()).toEqual(Object.keys(want).sort());
    for (const field of Object.keys(want))
      expect([field, got[field]]).toEqual([field, want[field]]);
  }

  it('chat, buffered: only the model is mapped', async () => {
    const body = chatBody(false);
    await openai.chat.completions.create(body as never);
    expectReceived('/chat/completions', body, { model: UPSTREAM_MODEL });
  });

  it('chat, streamed: the model, and stream usage asked for', async () => {
    const body = chatBody(true);
    const chunks = await openai.chat.completions.create(body as never);
    for await (const _ of chunks as unknown as AsyncIterable<unknown>);
    expectReceived('/chat/completions', body, {
      model: UPSTREAM_MODEL,
      stream_options: { include_obfuscation: false, include_usage: true },
    });
  });

  it('chat, no output limit: the default cap is added, as max_completion_tokens', async () => {
    const { max_completion_tokens: _limit, ...body } = chatBody(false);
    await openai.chat.completions.create(body as never);
    expectReceived('/chat/completions', body, {
      model: UPSTREAM_MODEL,
      // The default cap plus the allowance for reasoning_effort "high".
      max_completion_tokens: DEFAULT_MAX_TOKENS + 24_576,
    });
  });

  it('chat: only OpenAI-compatible channels get a body a translation could not carry', async () => {
    expect(anthropicUpstream.requests).toEqual([]);
    const refused = await openai.chat.completions
      .create({ ...chatBody(false), model: 'claude-only' } as never)
      .then(
        () => undefined,
        (caught: unknown) => caught as { status: number; param: string },
      );
    expect(refused?.status).toBe(400);
    expect(refused?.param).toBe('messages[2].content');
    expect(anthropicUpstream.requests).toEqual([]);
  });

  it('responses, buffered: only the model is mapped', async () => {
    const body = responsesBody(false);
    await openai.responses.create(body as never);
    expectReceived('/responses', body, { model: UPSTREAM_MODEL });
  });

  it('responses, streamed: only the model is mapped', async () => {
    const body = responsesBody(true);
    await openai.responses.stream(body as never).finalResponse();
    expectReceived('/responses', body, { model: UPSTREAM_MODEL });
  });

  it('responses, no output limit: max_output_tokens is added', async () => {
    const { max_output_tokens: _limit, ...body } = responsesBody(false);
    await openai.responses.create(body as never);
    const sent = JSON.parse(upstream.requests.at(-1)!.body) as { max_output_tokens: unknown };
    expect(sent.max_output_tokens).toEqual(expect.any(Number));
    expectReceived('/responses', body, {
      model: UPSTREAM_MODEL,
      max_output_tokens: sent.max_output_tokens,
    });
  });
});
