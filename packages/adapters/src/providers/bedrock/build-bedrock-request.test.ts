import { createHash, createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatRequest } from '../../spec/openai-chat-request';
import type { UpstreamRequest, UpstreamTarget } from '../../spec/provider-adapter';
import { bedrockAdapter } from './bedrock-adapter';

const ACCESS_KEY = 'AKIDEXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const target = (overrides: Partial<UpstreamTarget> = {}): UpstreamTarget => ({
  baseUrl: '',
  apiKey: `${ACCESS_KEY}:${SECRET}`,
  config: { region: 'us-east-1' },
  ...overrides,
});
const request: ChatRequest = {
  model: 'anthropic.claude-3-5-sonnet-20241022-v2:0',
  messages: [{ role: 'user', content: 'Hello' }],
  max_tokens: 100,
};

/** SigV4 written out from the AWS spec with node:crypto, independent of @smithy/signature-v4. */
function expectedAuthorization(upstream: UpstreamRequest, region: string, secret: string): string {
  const url = new URL(upstream.url);
  const headers = Object.entries(upstream.headers).filter(([name]) => name !== 'authorization');
  headers.sort(([a], [b]) => a.localeCompare(b));
  const names = headers.map(([name]) => name).join(';');
  const uriEncode = (segment: string) =>
    encodeURIComponent(segment).replace(
      /[!'()*]/g,
      (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
    );
  const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
  const canonical = [
    'POST',
    url.pathname.split('/').map(uriEncode).join('/'), // encoded once more, as for every non-S3 service
    '',
    ...headers.map(([name, value]) => `${name}:${value.trim()}`),
    '',
    names,
    sha256(String(upstream.body)),
  ].join('\n');
  const amzDate = upstream.headers['x-amz-date']!;
  const scope = `${amzDate.slice(0, 8)}/${region}/bedrock/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
  const key = [amzDate.slice(0, 8), region, 'bedrock', 'aws4_request'].reduce<Buffer | string>(
    (previous, part) => createHmac('sha256', previous).update(part).digest(),
    `AWS4${secret}`,
  );
  const signature = createHmac('sha256', key).update(toSign).digest('hex');
  return `AWS4-HMAC-SHA256 Credential=${ACCESS_KEY}/${scope}, SignedHeaders=${names}, Signature=${signature}`;
}

describe('bedrockAdapter.buildChatRequest with SigV4', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2024-01-02T03:04:05Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('posts to the region endpoint with the model id URL-encoded', async () => {
    const upstream = await bedrockAdapter.buildChatRequest(request, target());
    expect(upstream.method).toBe('POST');
    expect(upstream.url).toBe(
      'https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-3-5-sonnet-20241022-v2%3A0/converse',
    );
    const streaming = await bedrockAdapter.buildChatRequest({ ...request, stream: true }, target());
    expect(streaming.url).toMatch(/v2%3A0\/converse-stream$/);
  });

  it('encodes an inference-profile ARN as one path segment', async () => {
    const arn = 'arn:aws:bedrock:us-west-2:123456789012:application-inference-profile/abc123';
    const upstream = await bedrockAdapter.buildChatRequest(
      { ...request, model: arn },
      target({ config: { region: 'us-west-2' } }),
    );
    expect(upstream.url).toBe(
      'https://bedrock-runtime.us-west-2.amazonaws.com/model/arn%3Aaws%3Abedrock%3Aus-west-2%3A123456789012%3Aapplication-inference-profile%2Fabc123/converse',
    );
    expect(upstream.headers.authorization).toBe(
      expectedAuthorization(upstream, 'us-west-2', SECRET),
    );
  });

  it('signs host, date, content type and the exact body bytes, verifiably', async () => {
    const upstream = await bedrockAdapter.buildChatRequest(request, target());
    expect(upstream.headers).toMatchObject({
      host: 'bedrock-runtime.us-east-1.amazonaws.com',
      'content-type': 'application/json',
      'x-amz-date': '20240102T030405Z',
      'x-amz-content-sha256': createHash('sha256').update(String(upstream.body)).digest('hex'),
    });
    expect(upstream.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20240102\/us-east-1\/bedrock\/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$/,
    );
    expect(upstream.headers.authorization).toBe(
      expectedAuthorization(upstream, 'us-east-1', SECRET),
    );
    // The reference really depends on the body: any other bytes would not verify.
    const tampered = { ...upstream, body: `${String(upstream.body)} ` };
    expect(upstream.headers.authorization).not.toBe(
      expectedAuthorization(tampered, 'us-east-1', SECRET),
    );
  });

  it("signs the channel's overrides: forced header and field in, stripped field out", async () => {
    const overrides = {
      setHeaders: { 'x-amzn-bedrock-trace': 'ENABLED' },
      setParams: { performanceConfig: { latency: 'optimized' } },
      dropParams: ['inferenceConfig'],
    };
    const upstream = await bedrockAdapter.buildChatRequest(
      request,
      target({ config: { region: 'us-east-1', overrides } }),
    );
    const body = JSON.parse(String(upstream.body));
    expect(body.performanceConfig).toEqual({ latency: 'optimized' });
    expect(body).not.toHaveProperty('inferenceConfig');
    expect(upstream.headers['x-amzn-bedrock-trace']).toBe('ENABLED');
    expect(upstream.headers.authorization).toContain('x-amzn-bedrock-trace');
    // The signature covers what is sent, overrides included.
    expect(upstream.headers.authorization).toBe(
      expectedAuthorization(upstream, 'us-east-1', SECRET),
    );
  });

  it('sends and signs the session token of temporary credentials', async () => {
    const upstream = await bedrockAdapter.buildChatRequest(
      request,
      target({ apiKey: `${ACCESS_KEY}:${SECRET}:FwoGZXIvYXdzEBYaDH+token/==` }),
    );
    expect(upstream.headers['x-amz-security-token']).toBe('FwoGZXIvYXdzEBYaDH+token/==');
    expect(upstream.headers.authorization).toContain('x-amz-security-token');
    expect(upstream.headers.authorization).toBe(
      expectedAuthorization(upstream, 'us-east-1', SECRET),
    );
  });

  it('uses the channel base URL (port and prefix included) and treats "" as unset', async () => {
    const upstream = await bedrockAdapter.buildChatRequest(
      request,
      target({ baseUrl: 'http://127.0.0.1:4566/bedrock/' }),
    );
    expect(upstream.url).toBe(
      'http://127.0.0.1:4566/bedrock/model/anthropic.claude-3-5-sonnet-20241022-v2%3A0/converse',
    );
    expect(upstream.headers.host).toBe('127.0.0.1:4566');
    expect(upstream.headers.authorization).toBe(
      expectedAuthorization(upstream, 'us-east-1', SECRET),
    );
  });
});

describe('bedrockAdapter.buildChatRequest auth and config errors', () => {
  it('sends a Bedrock API key as a bearer token without SigV4 in api-key mode', async () => {
    const upstream = await bedrockAdapter.buildChatRequest(
      request,
      target({
        apiKey: 'ABSKQmVkcm9ja0FQSUtleQ==',
        config: { region: 'eu-central-1', authMode: 'api-key' },
      }),
    );
    expect(upstream.url).toMatch(
      /^https:\/\/bedrock-runtime\.eu-central-1\.amazonaws\.com\/model\//,
    );
    expect(upstream.headers).toEqual({
      'content-type': 'application/json',
      authorization: 'Bearer ABSKQmVkcm9ja0FQSUtleQ==',
    });
  });

  it.each(['justonepart', 'AKID:', ':secret', 'a:b:c:d', 'AKID:se cret'])(
    'rejects the malformed key %j without echoing it',
    async (apiKey) => {
      const error = await bedrockAdapter
        .buildChatRequest(request, target({ apiKey }))
        .catch((e) => e);
      expect(error).toMatchObject({ code: 'upstream_auth_failed' });
      expect(error.message).toContain('ACCESS_KEY_ID:SECRET_ACCESS_KEY');
      for (const part of apiKey.split(':').filter((p) => p.length > 1)) {
        expect(error.message).not.toContain(part);
      }
    },
  );

  it('requires a region', async () => {
    for (const config of [{}, { region: '' }, { region: 'not a region' }]) {
      await expect(
        bedrockAdapter.buildChatRequest(request, target({ config })),
      ).rejects.toMatchObject({
        code: 'upstream_auth_failed',
        message: expect.stringContaining('config.region'),
      });
    }
  });

  it("fetches images through the target's fetch, never with allowPrivateNetwork", async () => {
    const withImage = (url: string): ChatRequest => ({
      ...request,
      messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url } }] }],
    });
    const fetchMock = vi.fn(
      async () => new Response('png', { headers: { 'content-type': 'image/png' } }),
    );
    const viaTarget = (config: Record<string, unknown> = { region: 'us-east-1' }) =>
      target({ config, fetch: fetchMock as unknown as typeof fetch });
    // The channel may reach a private base URL; the caller's image URL still may not.
    const allowed = { region: 'us-east-1', allowPrivateNetwork: true };
    await expect(
      bedrockAdapter.buildChatRequest(withImage('http://127.0.0.1:9/a.png'), viaTarget(allowed)),
    ).rejects.toMatchObject({ code: 'invalid_request' });
    expect(fetchMock).not.toHaveBeenCalled();
    const upstream = await bedrockAdapter.buildChatRequest(
      withImage('http://203.0.113.10/a.png'),
      viaTarget(),
    );
    expect(fetchMock).toHaveBeenCalledOnce();
    expect(JSON.parse(String(upstream.body)).messages[0].content).toEqual([
      { image: { format: 'png', source: { bytes: Buffer.from('png').toString('base64') } } },
    ]);
  });

  it('declares its framing, capabilities and config fields', () => {
    expect(bedrockAdapter).toMatchObject({
      id: 'bedrock',
      kind: 'native',
      streamFraming: 'aws-eventstream',
      defaultBaseUrl: undefined,
      capabilities: { chat: true, stream: true, tools: true, vision: true, embeddings: false },
    });
    expect(bedrockAdapter.configFields?.find((field) => field.name === 'region')?.required).toBe(
      true,
    );
  });
});
