import { readFileSync } from 'node:fs';
import { type FixtureServer, startFixtureServer } from '@oneapi/adapters/testing';
import type { LogEntry } from '@oneapi/storage';
import OpenAI, { toFile } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApiKeyAs,
  createTestGateway,
  jsonRequest,
  type TestGateway,
} from '../../testing/create-test-gateway';

const fixture = (name: string) =>
  readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const UPSTREAM_KEY = 'sk-upstream-endpoints-7c2a';
const WRONG_KEY = 'sk-revoked-canary-91d0';
const SPEECH_BYTES = Buffer.from('ID3\u0004\u0000fake-mp3-frames');
// Shapes from OpenAI's API reference (no recorded capture exists for these endpoints).
const IMAGE_ANSWER = {
  created: 1713833628,
  data: [{ url: 'https://example.com/img.png', revised_prompt: 'A cute baby sea otter' }],
};
const TRANSCRIPTION_ANSWER = {
  text: 'Imagine the wildest idea that you have ever had.',
  usage: { type: 'duration', seconds: 9 },
};
const MODERATION_ANSWER = {
  id: 'modr-0d9740456c391e43c445bf0f010940c7',
  model: 'omni-moderation-latest',
  results: [{ flagged: true, categories: { harassment: true }, category_scores: {} }],
};
/** A legacy completions stream as OpenAI frames it: text chunks, then the usage chunk. */
const COMPLETIONS_STREAM = [
  { choices: [{ text: 'This is', index: 0, logprobs: null, finish_reason: null }] },
  { choices: [{ text: ' a test.', index: 0, logprobs: null, finish_reason: 'stop' }] },
  { choices: [], usage: { prompt_tokens: 5, completion_tokens: 4, total_tokens: 9 } },
]
  .map(
    (chunk) =>
      `data: ${JSON.stringify({ id: 'cmpl-1', object: 'text_completion', created: 1, model: 'gpt-3.5-turbo-instruct', ...chunk })}\n\n`,
  )
  .concat('data: [DONE]\n\n')
  .join('');
const RESPONSES_STREAM = fixture('responses-stream-custom-tool.chunks.jsonl')
  .trim()
  .split('\n')
  .map((line) => `event: ${JSON.parse(line).type}\ndata: ${line}\n\n`)
  .join('');

describe('OpenAI endpoints besides chat', () => {
  let gateway: TestGateway;
  let upstream: FixtureServer;
  let otherUpstream: FixtureServer;
  let sdk: OpenAI;
  let devId: number;

  const lastConsumeLog = async (model: string): Promise<LogEntry> => {
    const { items } = await gateway.services.storage.repositories.logs.list({
      type: 'consume',
      model,
    });
    expect(items.length).toBeGreaterThan(0);
    return items[0] as LogEntry;
  };
  const quotaOfDev = async () =>
    (await gateway.services.storage.repositories.users.findById(devId))!.quota;

  beforeAll(async () => {
    upstream = await startFixtureServer(({ url, body, headers }) => {
      if (headers.authorization !== `Bearer ${UPSTREAM_KEY}`)
        return { status: 401, body: fixture('error-401-invalid-api-key.json') };
      const json = () => JSON.parse(body);
      switch (url) {
        case '/v1/completions':
          return json().stream
            ? {
                headers: { 'content-type': 'text/event-stream' },
                body: COMPLETIONS_STREAM,
                splitAt: [7, 90],
              }
            : { body: fixture('completions-legacy.json') };
        case '/v1/embeddings':
          return { body: fixture('embeddings.json') };
        case '/v1/images/generations':
          return { body: JSON.stringify(IMAGE_ANSWER) };
        case '/v1/audio/speech':
          return { headers: { 'content-type': 'audio/mpeg' }, body: SPEECH_BYTES };
        case '/v1/audio/transcriptions':
          return { body: JSON.stringify(TRANSCRIPTION_ANSWER) };
        case '/v1/moderations':
          return { body: JSON.stringify(MODERATION_ANSWER) };
        case '/v1/responses':
          return json().stream
            ? {
                headers: { 'content-type': 'text/event-stream' },
                body: RESPONSES_STREAM,
                splitAt: [40, 41, 700],
              }
            : { body: fixture('responses-custom-tool.json') };
        default:
          return { status: 404, body: '{"error":{"message":"no such endpoint"}}' };
      }
    });
    otherUpstream = await startFixtureServer(() => ({ status: 500, body: '{}' }));
    gateway = await createTestGateway({ INITIAL_ROOT_ACCESS_TOKEN: 'root-access-token' });
    const base = await gateway.listen();
    const root = { authorization: 'Bearer root-access-token' };
    const admin = async (path: string, body: unknown) => {
      const response = await fetch(`${base}${path}`, jsonRequest('POST', body, root));
      expect(response.status).toBeLessThan(300);
      return (await response.json()) as { id: number };
    };
    await admin('/api/channels', {
      type: 'openai',
      name: 'openai',
      key: UPSTREAM_KEY,
      baseUrl: `${upstream.url}/v1`,
      allowPrivateNetwork: true,
      models: [
        'gpt-3.5-turbo-instruct',
        'text-embedding-3-small',
        'dall-e-3',
        'tts-1',
        'whisper-1',
        'omni-moderation-latest',
        'gpt-5',
      ],
      modelMapping: { 'gpt-5': 'gpt-5.2-codex', 'whisper-1': 'whisper-large' },
    });
    // Preferred, but Anthropic has no embeddings or audio: it must be skipped, not tried.
    await admin('/api/channels', {
      type: 'anthropic',
      name: 'anthropic',
      key: 'sk-ant-other',
      baseUrl: otherUpstream.url,
      allowPrivateNetwork: true,
      priority: 10,
      models: ['text-embedding-3-small', 'tts-1'],
    });
    await admin('/api/channels', {
      type: 'openai',
      name: 'revoked',
      key: WRONG_KEY,
      baseUrl: `${upstream.url}/v1`,
      allowPrivateNetwork: true,
      models: ['dall-e-2'],
    });
    ({ id: devId } = await admin('/api/users', { username: 'dev', password: 'dev-password' }));
    await admin(`/api/users/${devId}/quota`, {
      amount: 1_000_000,
      idempotencyKey: 'grant-endpoints',
      reason: 'test',
    });
    const apiKey = await createApiKeyAs(base, { username: 'dev', password: 'dev-password' });
    sdk = new OpenAI({ apiKey, baseURL: `${base}/v1`, maxRetries: 0 });
  });

  afterAll(async () => {
    await gateway?.close();
    await upstream?.close();
    await otherUpstream?.close();
  });

  it('embeds on a channel that has embeddings, skipping one that has none, and bills the tokens', async () => {
    const before = await quotaOfDev();
    const result = await sdk.embeddings.create({
      model: 'text-embedding-3-small',
      input: ['sunny day at the beach', 'rainy day in the city'],
      encoding_format: 'float',
    });
    expect(result.data.map((item) => item.embedding)).toEqual(
      JSON.parse(fixture('embeddings.json')).data.map(
        (item: { embedding: number[] }) => item.embedding,
      ),
    );
    expect(otherUpstream.requests).toHaveLength(0);
    const log = await lastConsumeLog('text-embedding-3-small');
    expect(log).toMatchObject({ promptTokens: 12, completionTokens: 0, usageEstimated: false });
    // $0.02 per 1M tokens: 12 tokens are 0.12 quota, rounded up to 1.
    expect(log.quota).toBe(1);
    expect(before - (await quotaOfDev())).toBe(1);
  });

  it('relays legacy completions as they are, and bills the reported usage', async () => {
    const completion = await sdk.completions.create({
      model: 'gpt-3.5-turbo-instruct',
      prompt: 'Say this is a test',
    });
    expect(completion).toEqual(JSON.parse(fixture('completions-legacy.json')));
    // The endpoint's default, sent so the upstream cannot write more than was held.
    expect(JSON.parse(upstream.requests.at(-1)!.body).max_tokens).toBe(16);
    expect(await lastConsumeLog('gpt-3.5-turbo-instruct')).toMatchObject({
      promptTokens: 14,
      completionTokens: 16,
      isStream: false,
    });
  });

  it('streams legacy completions, asking upstream for usage the caller did not ask for', async () => {
    const stream = await sdk.completions.create({
      model: 'gpt-3.5-turbo-instruct',
      prompt: 'Say this is a test',
      stream: true,
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.map((chunk) => chunk.choices[0]?.text).join('')).toBe('This is a test.');
    // The usage-only chunk was the gateway's request, not the caller's: held back.
    expect(chunks.every((chunk) => chunk.choices.length > 0)).toBe(true);
    expect(JSON.parse(upstream.requests.at(-1)!.body).stream_options).toEqual({
      include_usage: true,
    });
    await expect
      .poll(() => lastConsumeLog('gpt-3.5-turbo-instruct'))
      .toMatchObject({ isStream: true, promptTokens: 5, completionTokens: 4 });
  });

  it('generates images and bills them per image', async () => {
    const images = await sdk.images.generate({ model: 'dall-e-3', prompt: 'a sea otter', n: 1 });
    expect(images.data?.[0]?.url).toBe(IMAGE_ANSWER.data[0]!.url);
    // $0.04 per image at 500,000 quota per dollar.
    expect(await lastConsumeLog('dall-e-3')).toMatchObject({ quota: 20_000 });
  });

  it('synthesises speech: the audio bytes pass through, billed per character', async () => {
    const input = 'Hello world';
    const speech = await sdk.audio.speech.create({ model: 'tts-1', voice: 'alloy', input });
    expect(Buffer.from(await speech.arrayBuffer())).toEqual(SPEECH_BYTES);
    expect(speech.headers.get('content-type')).toBe('audio/mpeg');
    // 11 characters at $0.000015: 82.5 quota, rounded up.
    expect(await lastConsumeLog('tts-1')).toMatchObject({ quota: 83, usageEstimated: false });
  });

  it('transcribes an uploaded file under the mapped model, billed by the reported seconds', async () => {
    const audio = Buffer.alloc(20_000, 7);
    const transcription = await sdk.audio.transcriptions.create({
      model: 'whisper-1',
      file: await toFile(audio, 'speech.mp3', { type: 'audio/mpeg' }),
    });
    expect(transcription.text).toBe(TRANSCRIPTION_ANSWER.text);
    const sent = upstream.requests.at(-1)!;
    expect(sent.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(sent.body).toContain('whisper-large');
    expect(sent.body).not.toContain('whisper-1');
    expect(sent.body).toContain('filename="speech.mp3"');
    // 9 s at $0.0001 per second.
    expect(await lastConsumeLog('whisper-1')).toMatchObject({
      quota: 450,
      upstreamModel: 'whisper-large',
    });
  });

  it('moderates for free', async () => {
    const before = await quotaOfDev();
    const moderation = await sdk.moderations.create({
      model: 'omni-moderation-latest',
      input: 'some text',
    });
    expect(moderation.results[0]?.flagged).toBe(true);
    expect(await lastConsumeLog('omni-moderation-latest')).toMatchObject({ quota: 0 });
    expect(await quotaOfDev()).toBe(before);
  });

  it('passes the Responses API through, streamed and not, billing its usage', async () => {
    const response = await sdk.responses.create({ model: 'gpt-5', input: 'Write a query' });
    expect(response.usage).toMatchObject({ input_tokens: 50, output_tokens: 20 });
    expect(JSON.parse(upstream.requests.at(-1)!.body)).toMatchObject({
      model: 'gpt-5.2-codex',
      // No limit from the caller: the gateway's cap, which the reservation held.
      max_output_tokens: 4096,
    });
    expect(await lastConsumeLog('gpt-5')).toMatchObject({ promptTokens: 50, completionTokens: 20 });
    // Reasoning gets its budget on top; a caller's own limit is sent as it is.
    await sdk.responses.create({ model: 'gpt-5', input: 'Why', reasoning: { effort: 'high' } });
    expect(JSON.parse(upstream.requests.at(-1)!.body).max_output_tokens).toBe(4096 + 24_576);
    await sdk.responses.create({ model: 'gpt-5', input: 'Why', max_output_tokens: 100 });
    expect(JSON.parse(upstream.requests.at(-1)!.body).max_output_tokens).toBe(100);

    const stream = await sdk.responses.create({
      model: 'gpt-5',
      input: 'Write a query',
      stream: true,
    });
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    expect(types).toEqual(
      fixture('responses-stream-custom-tool.chunks.jsonl')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).type),
    );
    await expect
      .poll(() => lastConsumeLog('gpt-5'))
      .toMatchObject({ isStream: true, promptTokens: 50, completionTokens: 20 });
  });

  it('sends a body it passes through as the client wrote it, the members it owns set in place', async () => {
    // Escapes, spacing and key order are the client's: only `model` (mapped) and the output
    // cap the hold counted on are the gateway's to write.
    const written =
      '{"model" : "gpt-5", "input": "caf\\u00e9 \\ud83d\\ude00",\n "metadata": {"b": "1", "a": "2"}}';
    const response = await fetch(`${sdk.baseURL}/responses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sdk.apiKey}`, 'content-type': 'application/json' },
      body: written,
    });
    expect(response.status).toBe(200);
    const sent = upstream.requests.at(-1)!.body;
    expect(sent).toBe(
      `{"max_output_tokens":4096,${written.slice(1).replace('"gpt-5"', '"gpt-5.2-codex"')}`,
    );
  });

  it('refuses bad bodies in OpenAI’s shape before reserving anything', async () => {
    const before = await quotaOfDev();
    const post = (path: string, body: string, type = 'application/json') =>
      fetch(`${sdk.baseURL}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${sdk.apiKey}`, 'content-type': type },
        body,
      });
    const noModel = await post('/embeddings', '{"input":"x"}');
    expect(noModel.status).toBe(400);
    expect(await noModel.json()).toMatchObject({
      error: { type: 'invalid_request_error', param: 'model' },
    });
    const notJson = await post('/moderations', '{"model":');
    expect(notJson.status).toBe(400);
    const notMultipart = await post('/audio/transcriptions', '{"model":"whisper-1"}');
    expect(notMultipart.status).toBe(400);
    const streamedImages = await post(
      '/images/generations',
      '{"model":"dall-e-3","prompt":"x","stream":true}',
    );
    expect(streamedImages.status).toBe(400);
    expect(await quotaOfDev()).toBe(before);
  });

  it('answers upstream failures in OpenAI’s shape, without the key, and releases the hold', async () => {
    const before = await quotaOfDev();
    const error = await sdk.images.generate({ model: 'dall-e-2', prompt: 'x' }).then(
      () => undefined,
      (caught: unknown) => caught as { status: number; error: unknown },
    );
    expect(error?.status).toBeGreaterThanOrEqual(400);
    expect(error?.error).toMatchObject({ message: expect.any(String), type: expect.any(String) });
    expect(JSON.stringify(error)).not.toContain(WRONG_KEY);
    expect(await quotaOfDev()).toBe(before);
    const { items } = await gateway.services.storage.repositories.logs.list({
      type: 'error',
      model: 'dall-e-2',
    });
    expect(items).toHaveLength(1);
    expect(JSON.stringify(items)).not.toContain(WRONG_KEY);
  });
});
