import { readFileSync } from 'node:fs';
import Anthropic from '@anthropic-ai/sdk';
import type { FixtureServer } from '@oneapi/adapters/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApiKeyAs,
  createTestGateway,
  jsonRequest,
  type TestGateway,
} from '../../testing/create-test-gateway';
import {
  MID_CONVERSATION_SYSTEM_BETA,
  startMockAnthropic,
} from '../../testing/mock-anthropic-upstream';

const fixture = (name: string) =>
  readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const UPSTREAM_KEY = 'sk-ant-upstream-passthrough-7c1e';
const BETAS = `interleaved-thinking-2025-05-14,${MID_CONVERSATION_SYSTEM_BETA}`;
const STREAM = fixture('messages-thinking-stream.sse');
const ANSWER = JSON.parse(fixture('messages-thinking-tool-use.json'));
const CACHED = JSON.parse(fixture('messages-cache-usage.json'));

/** The recorded cache-hit answer as Anthropic streams it: input usage first, output last. */
function streamOf(answer: typeof CACHED): string {
  const { output_tokens, ...input } = answer.usage;
  const event = (type: string, data: object) =>
    `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
  return [
    event('message_start', {
      message: { ...answer, content: [], stop_reason: null, usage: { ...input, output_tokens: 1 } },
    }),
    event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
    event('content_block_delta', {
      index: 0,
      delta: { type: 'text_delta', text: answer.content[0].text },
    }),
    event('content_block_stop', { index: 0 }),
    event('message_delta', {
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: { output_tokens },
    }),
    event('message_stop', {}),
  ].join('');
}

/**
 * What Claude Code sends in a tool round trip with thinking on: the recorded follow-up request
 * (its assistant turn starts with a signed thinking block), plus a redacted_thinking block,
 * cache_control markers, a system block array, a mid-conversation system message, body fields
 * and a block type this gateway has never heard of.
 */
function claudeCodeBody(model: string, stream: boolean) {
  const recorded = JSON.parse(fixture('messages-thinking-tool-result-request.json'));
  const redacted = JSON.parse(fixture('messages-thinking-redacted-request.json')).messages[1]
    .content[0];
  const [question, assistant, toolResult] = recorded.messages;
  return {
    ...recorded,
    model,
    stream,
    system: [
      { type: 'text', text: 'You are Claude Code.' },
      { type: 'text', text: 'Project rules.', cache_control: { type: 'ephemeral', ttl: '1h' } },
    ],
    messages: [
      { ...question, content: [{ ...question.content[0], cache_control: { type: 'ephemeral' } }] },
      { ...assistant, content: [assistant.content[0], redacted, ...assistant.content.slice(1)] },
      {
        ...toolResult,
        content: [...toolResult.content, { type: 'future_block_2027', payload: { keep: [1, 2] } }],
      },
      { role: 'system', content: 'The user switched to plan mode.' },
    ],
    context_management: { edits: [{ type: 'clear_thinking_20251015', keep: 'all' }] },
    output_config: { effort: 'high' },
    a_field_from_the_future: { nested: { value: 1.5 } },
    metadata: { user_id: 'user_abc_account__session_1234' },
  };
}

describe('/v1/messages to an Anthropic channel: a passthrough', () => {
  let gateway: TestGateway;
  let upstream: FixtureServer;
  let overloaded: FixtureServer;
  let brokenStream: FixtureServer;
  let apiKey: string;
  let anthropic: Anthropic;

  beforeAll(async () => {
    upstream = await startMockAnthropic({
      apiKey: UPSTREAM_KEY,
      answer: (body) =>
        body.model === 'claude-opus-4-1'
          ? body.stream
            ? { sse: streamOf(CACHED) }
            : { json: CACHED }
          : body.stream
            ? { sse: STREAM }
            : { json: ANSWER },
    });
    // Refuses the channel's key (a 401, before anything is streamed): the relay fails over.
    overloaded = await startMockAnthropic({ apiKey: UPSTREAM_KEY, answer: () => ({ json: {} }) });
    // Answers 200 and then an error event before anything else: no different from a refusal.
    brokenStream = await startMockAnthropic({
      apiKey: UPSTREAM_KEY,
      answer: () => ({
        sse: 'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n',
      }),
    });
    gateway = await createTestGateway({ INITIAL_ROOT_ACCESS_TOKEN: 'root-access-token' });
    const base = await gateway.listen();
    const root = { authorization: 'Bearer root-access-token' };
    const admin = async (path: string, body: unknown) => {
      const response = await fetch(`${base}${path}`, jsonRequest('POST', body, root));
      expect(response.status).toBeLessThan(300);
      return (await response.json()) as { id: number };
    };
    await admin('/api/channels', {
      type: 'anthropic',
      name: 'anthropic',
      key: UPSTREAM_KEY,
      baseUrl: upstream.url,
      allowPrivateNetwork: true,
      models: [
        'claude-sonnet-4-0',
        'claude-sonnet-4-5',
        'claude-opus-4-1',
        'claude-3-7-sonnet-latest',
      ],
      modelMapping: { 'claude-sonnet-4-5': 'claude-sonnet-4-0' },
    });
    await admin('/api/channels', {
      type: 'anthropic',
      name: 'overloaded',
      key: 'sk-ant-wrong-key',
      baseUrl: overloaded.url,
      allowPrivateNetwork: true,
      priority: 10,
      models: ['claude-sonnet-4-5'],
    });
    await admin('/api/channels', {
      type: 'anthropic',
      name: 'broken-stream',
      key: UPSTREAM_KEY,
      baseUrl: brokenStream.url,
      allowPrivateNetwork: true,
      priority: 10,
      models: ['claude-3-7-sonnet-latest'],
    });
    const { id } = await admin('/api/users', { username: 'dev', password: 'dev-password' });
    await admin(`/api/users/${id}/quota`, {
      amount: 10_000_000,
      idempotencyKey: 'passthrough-grant',
      reason: 'test',
    });
    apiKey = await createApiKeyAs(base, { username: 'dev', password: 'dev-password' });
    anthropic = new Anthropic({ apiKey, baseURL: gateway.url, maxRetries: 0 });
  });

  afterAll(async () => {
    await gateway?.close();
    await upstream?.close();
    await overloaded?.close();
    await brokenStream?.close();
  });

  // The ledger writes log rows in batches, after the answer: wait for the request's own row
  // (the `rows`-th for the model), not an earlier request's.
  const lastLog = async (model: string, rows: number) => {
    const { logs } = gateway.services.storage.repositories;
    await expect
      .poll(async () => (await logs.list({ type: 'consume', model })).items.length)
      .toBe(rows);
    return (await logs.list({ type: 'consume', model })).items[0]!;
  };

  it('sends the body upstream as the client wrote it, and the answer back unchanged (buffered)', async () => {
    const body = claudeCodeBody('claude-sonnet-4-0', false);
    const message = await anthropic.messages.create(body as never, {
      headers: { 'anthropic-beta': BETAS },
    });
    const received = upstream.requests.at(-1)!;
    const sent = JSON.parse(received.body);
    // Field by field, so a failure names the field the gateway changed.
    expect(Object.keys(sent).sort()).toEqual(Object.keys(body).sort());
    for (const field of Object.keys(body))
      expect([field, sent[field]]).toEqual([field, body[field as keyof typeof body]]);
    expect(received.headers['anthropic-beta']).toBe(BETAS);
    // The SDK's own API version goes up as it sent it.
    expect(received.headers['anthropic-version']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // Credentials are the channel's; nothing else of the client's headers goes up.
    expect(received.headers['x-api-key']).toBe(UPSTREAM_KEY);
    expect(received.headers.authorization).toBeUndefined();
    expect(Object.keys(received.headers).filter((name) => name.startsWith('x-stainless'))).toEqual(
      [],
    );
    // The signed thinking block comes back with its signature.
    expect(JSON.parse(JSON.stringify(message))).toEqual(ANSWER);
    expect(await lastLog('claude-sonnet-4-0', 1)).toMatchObject({
      promptTokens: 398,
      completionTokens: 155,
      isStream: false,
    });
  });

  it('relays the stream byte for byte and bills the usage it reports', async () => {
    const body = claudeCodeBody('claude-sonnet-4-0', true);
    const response = await fetch(
      `${gateway.url}/v1/messages`,
      jsonRequest('POST', body, { 'x-api-key': apiKey, 'anthropic-beta': BETAS }),
    );
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(STREAM);
    expect(JSON.parse(upstream.requests.at(-1)!.body)).toEqual(body);
    // A client that names no API version gets the one the adapter was written against.
    expect(upstream.requests.at(-1)!.headers['anthropic-version']).toBe('2023-06-01');
    expect(await lastLog('claude-sonnet-4-0', 2)).toMatchObject({
      promptTokens: 43,
      completionTokens: 282,
      isStream: true,
    });

    // The official SDK reads it: the thinking block keeps its signature.
    const final = await anthropic.messages
      .stream(body as never, { headers: { 'anthropic-beta': BETAS } })
      .finalMessage();
    expect(final.content[0]).toMatchObject({
      type: 'thinking',
      signature: expect.stringMatching(/^EvMCCkYICxgCKkCHP2/),
    });
  });

  it('rewrites only the model for a mapped name, after failing over from a channel whose key is refused', async () => {
    const before = overloaded.requests.length;
    const body = claudeCodeBody('claude-sonnet-4-5', false);
    await anthropic.messages.create(body as never, { headers: { 'anthropic-beta': BETAS } });
    expect(overloaded.requests.length).toBe(before + 1);
    // The SDK wrote JSON.stringify(body): the bytes sent are those, the model's value alone replaced.
    expect(upstream.requests.at(-1)!.body).toBe(
      JSON.stringify({ ...body, model: 'claude-sonnet-4-0' }),
    );
  });

  it('fails over from a stream whose first event is an error', async () => {
    const body = claudeCodeBody('claude-3-7-sonnet-latest', true);
    const response = await fetch(
      `${gateway.url}/v1/messages`,
      jsonRequest('POST', body, { 'x-api-key': apiKey, 'anthropic-beta': BETAS }),
    );
    expect(await response.text()).toBe(STREAM);
    expect(brokenStream.requests).toHaveLength(1);
  });

  it('bills cache reads and writes identically streamed and buffered', async () => {
    const { logs } = gateway.services.storage.repositories;
    const body = {
      model: 'claude-opus-4-1',
      max_tokens: 64,
      messages: [{ role: 'user' as const, content: 'Python?' }],
    };
    const buffered = await anthropic.messages.create(body);
    expect(JSON.parse(JSON.stringify(buffered))).toEqual(CACHED);
    await anthropic.messages.stream(body).finalMessage();
    await expect
      .poll(
        async () => (await logs.list({ type: 'consume', model: 'claude-opus-4-1' })).items.length,
      )
      .toBe(2);
    const [streamed, plain] = (await logs.list({ type: 'consume', model: 'claude-opus-4-1' }))
      .items;
    const billed = (row: typeof plain) => [
      row!.promptTokens,
      row!.completionTokens,
      row!.cachedTokens,
      row!.quota,
    ];
    // input_tokens 3 + 418 written + 1111 read; the cache read priced at its own rate.
    expect(billed(plain)).toEqual([1532, 33, 1111, expect.any(Number)]);
    expect(billed(streamed)).toEqual(billed(plain));
    expect([plain!.isStream, streamed!.isStream]).toEqual([false, true]);
  });

  it("passes the upstream's refusal on in Anthropic's words", async () => {
    const body = claudeCodeBody('claude-sonnet-4-0', false);
    // The assistant turn without its thinking blocks, as a translating gateway used to send it.
    body.messages[1] = { ...body.messages[1], content: body.messages[1].content.slice(2) };
    const refused = await anthropic.messages
      .create(body as never, { headers: { 'anthropic-beta': BETAS } })
      .then(
        () => undefined,
        (caught: unknown) =>
          caught as { status: number; error: { error: { type: string; message: string } } },
      );
    expect(refused?.status).toBe(400);
    expect(refused?.error.error.type).toBe('invalid_request_error');
    expect(refused?.error.error.message).toContain('Expected `thinking` or `redacted_thinking`');
  });
});
