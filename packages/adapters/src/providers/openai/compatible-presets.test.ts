import { describe, expect, it } from 'vitest';
import { type ChatRequest, chatRequestSchema } from '../../spec/openai-chat-request';
import { readFixture } from '../../testing/fixtures';
import { azureAdapter } from '../azure/azure-adapter';
import { getProvider } from '../index';
import { openaiAdapter } from './openai-adapter';

const json = (name: string) =>
  JSON.parse(readFixture(new URL(`./__fixtures__/${name}`, import.meta.url)));
const target = (baseUrl: string, config: Record<string, unknown> = {}) => ({
  baseUrl,
  apiKey: 'key-123',
  config,
});
const request = (overrides: Record<string, unknown>): ChatRequest =>
  chatRequestSchema.parse({
    model: 'm',
    messages: [{ role: 'user', content: 'hi' }],
    ...overrides,
  });
const bodyOf = async (
  adapterId: string,
  overrides: Record<string, unknown>,
  baseUrl = 'https://x',
) => {
  const upstream = await getProvider(adapterId).buildChatRequest(
    request(overrides),
    target(baseUrl),
  );
  return { upstream, body: JSON.parse(String(upstream.body)) };
};

describe('OpenAI and compatible presets: requests', () => {
  it('passes the caller’s body through and asks for stream usage', async () => {
    const upstream = await openaiAdapter.buildChatRequest(
      request({ stream: true, logit_bias: { '1': 2 }, enable_thinking: true }),
      target('https://api.openai.com/v1'),
    );
    expect(upstream.url).toBe('https://api.openai.com/v1/chat/completions');
    expect(upstream.headers).toMatchObject({ authorization: 'Bearer key-123' });
    expect(JSON.parse(String(upstream.body))).toEqual({
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
      logit_bias: { '1': 2 },
      enable_thinking: true,
    });
  });

  it('applies Mistral’s quirks', async () => {
    const { body } = await bodyOf('mistral', {
      stream: true,
      seed: 7,
      max_completion_tokens: 100,
      logprobs: true,
      messages: [
        { role: 'user', content: 'hi' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'call_abc_long_id', type: 'function', function: { name: 'f', arguments: '{}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_abc_long_id', content: 'ok' },
      ],
    });
    expect(body).toMatchObject({ random_seed: 7, max_tokens: 100, stream: true });
    expect(body).not.toHaveProperty('seed');
    expect(body).not.toHaveProperty('stream_options');
    expect(body).not.toHaveProperty('logprobs');
    const id = body.messages[1].tool_calls[0].id;
    expect(id).toMatch(/^[a-zA-Z0-9]{9}$/);
    expect(body.messages[2].tool_call_id).toBe(id);
  });

  it('never sends reasoning_content back (DeepSeek rejects it) and strips what Groq rejects', async () => {
    const { body } = await bodyOf('deepseek', {
      messages: [
        { role: 'user', content: 'a' },
        { role: 'assistant', content: 'b', reasoning_content: 'thoughts' },
      ],
    });
    expect(body.messages[1]).toEqual({ role: 'assistant', content: 'b' });
    const groq = await bodyOf('groq', { logprobs: true, n: 1, temperature: 0.5 });
    expect(groq.body).toEqual({
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
      temperature: 0.5,
    });
  });

  it('builds Azure deployment URLs with api-version and the api-key header', async () => {
    const upstream = await azureAdapter.buildChatRequest(
      request({ model: 'gpt-4.1-mini' }),
      target('https://res.openai.azure.com', { apiVersion: '2025-01-01-preview' }),
    );
    expect(upstream.url).toBe(
      'https://res.openai.azure.com/openai/deployments/gpt-41-mini/chat/completions?api-version=2025-01-01-preview',
    );
    expect(upstream.headers).toMatchObject({ 'api-key': 'key-123' });
    expect(upstream.headers).not.toHaveProperty('authorization');
    const named = await azureAdapter.buildChatRequest(
      request({}),
      target('https://r', { deployment: 'prod' }),
    );
    expect(named.url).toBe(
      'https://r/openai/deployments/prod/chat/completions?api-version=2024-10-21',
    );
    const v1 = await azureAdapter.buildChatRequest(
      request({}),
      target('https://r', { apiVersion: 'v1' }),
    );
    expect(v1.url).toBe('https://r/openai/v1/chat/completions');
  });

  it('sends no authorization to a keyless local server', async () => {
    const upstream = await getProvider('vllm').buildChatRequest(request({}), {
      baseUrl: 'http://localhost:8000/v1',
      apiKey: '',
      config: {},
    });
    expect(upstream.headers).toEqual({ 'content-type': 'application/json' });
  });
});

describe('OpenAI and compatible presets: responses', () => {
  const parse = (id: string, name: string) =>
    getProvider(id).parseChatResponse(json(name), request({}));

  it.each([
    ['openai', 'chat-completion-text.json'],
    ['openai', 'chat-completion-parallel-tool-calls.json'],
    ['openai', 'chat-completion-refusal.json'],
    ['openai', 'chat-completion-length.json'],
    ['deepseek', 'deepseek/chat-text.json'],
    ['deepseek', 'deepseek/chat-tool-call.json'],
    ['groq', 'groq/chat-tool-call.json'],
    ['mistral', 'mistral/chat-tool-call.json'],
    ['qwen', 'dashscope/compat-chat-tool-call.json'],
    ['perplexity', 'perplexity/chat-citations.json'],
  ])('%s: %s keeps its choices, finish reasons and usage', (id, name) => {
    const raw = json(name);
    const completion = parse(id, name);
    expect(completion.choices.map((c) => c.finish_reason)).toEqual(
      raw.choices.map((c: { finish_reason: string }) => c.finish_reason),
    );
    expect(completion.choices[0]?.message.tool_calls).toEqual(raw.choices[0].message.tool_calls);
    expect(completion.usage).toEqual(raw.usage);
  });

  it('xai: bills the reasoning tokens Grok leaves out of completion_tokens, streamed and buffered', () => {
    // Recorded: 291 prompt + 26 completion + 189 reasoning = 506 total.
    const raw = json('xai/chat-tool-call.json');
    const completion = parse('xai', 'xai/chat-tool-call.json');
    expect(completion.choices[0]?.message.tool_calls).toEqual(raw.choices[0].message.tool_calls);
    expect(completion.usage).toEqual({ ...raw.usage, completion_tokens: 26 + 189 });
    // Recorded stream: 291 + 26 + 196 reasoning = 513 total.
    const decoder = getProvider('xai').createStreamDecoder(request({ stream: true }));
    const events = readFixture(
      new URL('./__fixtures__/xai/chat-stream-tool-call.chunks.jsonl', import.meta.url),
    )
      .split('\n')
      .filter(Boolean)
      .flatMap((data) => decoder.decode({ data }));
    expect(events.filter((event) => event.type === 'usage')).toEqual([
      {
        type: 'usage',
        usage: {
          promptTokens: 291,
          completionTokens: 26 + 196,
          cachedTokens: 290,
          reasoningTokens: 196,
        },
      },
    ]);
  });

  it('reads reasoning from DeepSeek, Qwen and Magistral', () => {
    expect(
      parse('deepseek', 'deepseek/chat-reasoning.json').choices[0]?.message.reasoning_content,
    ).toBeTruthy();
    expect(
      parse('qwen', 'dashscope/compat-chat-reasoning.json').choices[0]?.message.reasoning_content,
    ).toBeTruthy();
    const magistral = parse('mistral', 'mistral/chat-reasoning.json').choices[0]?.message;
    expect(magistral).toMatchObject({
      content: '2 + 2 = 4',
      reasoning_content: 'The user is asking for 2+2. This is basic arithmetic. 2+2=4.',
    });
  });

  it('keeps Perplexity’s citations next to the choices', () => {
    expect(parse('perplexity', 'perplexity/chat-citations.json')).toHaveProperty('citations');
  });
});

describe('OpenAI errors', () => {
  it.each([
    ['error-401-invalid-api-key.json', 401, 'upstream_auth_failed', 'key_fatal'],
    ['error-429-insufficient-quota.json', 429, 'upstream_quota_exhausted', 'key_fatal'],
    ['error-400-context-length-exceeded.json', 400, 'context_length_exceeded', 'client'],
    ['error-400-unsupported-parameter.json', 400, 'invalid_request', 'client'],
  ])('%s -> %s', (name, status, code, kind) => {
    const error = openaiAdapter.parseError({
      status,
      headers: new Headers(),
      body: readFixture(new URL(`./__fixtures__/${name}`, import.meta.url)),
    });
    expect([error.code, error.kind]).toEqual([code, kind]);
  });

  it('classifies plain rate limits and server errors as retryable, with Retry-After', () => {
    const limited = openaiAdapter.parseError({
      status: 429,
      headers: new Headers({ 'retry-after-ms': '1500' }),
      body: '{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}',
    });
    expect([limited.code, limited.retryable, limited.retryAfterMs]).toEqual([
      'rate_limited',
      true,
      1500,
    ]);
    const html = openaiAdapter.parseError({
      status: 502,
      headers: new Headers(),
      body: '<html>Bad gateway</html>',
    });
    expect([html.code, html.retryable]).toEqual(['upstream_server_error', true]);
  });
});

describe('OpenAI endpoint passthrough', () => {
  it('forwards the caller’s body unchanged to the same path', async () => {
    const body = new TextEncoder().encode(
      '--boundary\r\nContent-Disposition: form-data; name="model"\r\n\r\nwhisper-1\r\n--boundary--',
    );
    const upstream = await openaiAdapter.passthrough!.buildRequest(
      '/audio/transcriptions',
      { model: 'whisper-1', body, contentType: 'multipart/form-data; boundary=boundary' },
      target('https://api.openai.com/v1'),
    );
    expect(upstream).toEqual({
      url: 'https://api.openai.com/v1/audio/transcriptions',
      method: 'POST',
      headers: {
        'content-type': 'multipart/form-data; boundary=boundary',
        authorization: 'Bearer key-123',
      },
      body,
    });
  });

  it('builds Azure deployment URLs for other endpoints too', async () => {
    const upstream = await azureAdapter.passthrough!.buildRequest(
      '/images/generations',
      { model: 'dall-e-3', body: '{}', contentType: 'application/json' },
      target('https://r'),
    );
    expect(upstream.url).toBe(
      'https://r/openai/deployments/dall-e-3/images/generations?api-version=2024-10-21',
    );
  });

  it('sends Azure Responses requests per resource: v1 by default, a dated version when set', async () => {
    const init = { model: 'gpt-5-prod', body: '{}', contentType: 'application/json' };
    const v1 = await azureAdapter.passthrough!.buildRequest(
      '/responses',
      init,
      target('https://r'),
    );
    expect(v1.url).toBe('https://r/openai/v1/responses');
    const dated = await azureAdapter.passthrough!.buildRequest(
      '/responses',
      init,
      target('https://r', { apiVersion: '2025-04-01-preview' }),
    );
    expect(dated.url).toBe('https://r/openai/responses?api-version=2025-04-01-preview');
  });

  it('refuses an endpoint the vendor does not serve', async () => {
    await expect(
      getProvider('deepseek').passthrough!.buildRequest(
        '/images/generations',
        { model: 'x', body: '{}', contentType: 'application/json' },
        target('https://x'),
      ),
    ).rejects.toMatchObject({ code: 'unsupported' });
    expect(getProvider('mistral').passthrough!.endpoints).toEqual(['/embeddings']);
  });
});
