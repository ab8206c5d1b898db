import { createHash, createVerify, generateKeyPairSync } from 'node:crypto';
import Anthropic from '@anthropic-ai/sdk';
import {
  type FixtureReply,
  type FixtureServer,
  type RecordedRequest,
  startFixtureServer,
} from '@oneapi/adapters/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApiKeyAs,
  createTestGateway,
  jsonRequest,
  type TestGateway,
} from '../../testing/create-test-gateway';

const BEDROCK_MODEL = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
const VERTEX_MODEL = 'claude-opus-4-1@20250805';
const BEDROCK_COUNT = 1874;
const VERTEX_COUNT = 2095;
/** The fields Anthropic's count_tokens takes (its API reference), and Vertex's version field. */
const VERTEX_COUNT_FIELDS = [
  'anthropic_version',
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
const VERTEX_COUNT_PATH =
  '/v1/projects/proj/locations/us-east5/publishers/anthropic/models/count-tokens:rawPredict';

const json = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});
/** Bedrock's own error shape: `{message}`, the exception named in a header. */
const refuseAsBedrock = (status: number, exception: string, message: string) =>
  json(status, { message }, { 'x-amzn-errortype': exception });
const refuseAsAnthropic = (status: number, type: string, message: string) =>
  json(status, { type: 'error', error: { type, message } });

/**
 * Bedrock's CountTokens on 127.0.0.1 (API reference: `POST /model/{modelId}/count-tokens`,
 * `{"input":{"invokeModel":{"body":"<base64>"}}}` or `{"input":{"converse":{...}}}`, answered
 * `{"inputTokens": N}`). It takes only SigV4-signed calls whose signed body hash is the body's,
 * and an InvokeModel body that InvokeModel itself would take: Bedrock's `anthropic_version`,
 * a `max_tokens`, no `model` and no `stream`.
 */
function answerAsBedrockCountTokens({ url, headers, body }: RecordedRequest): FixtureReply {
  const route = /^\/model\/([^/]+)\/count-tokens$/.exec(url);
  if (!route) return refuseAsBedrock(404, 'UnknownOperationException', `Not found: ${url}`);
  const signature =
    /^AWS4-HMAC-SHA256 Credential=AKIDCOUNT\/\d{8}\/us-east-1\/bedrock\/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$/;
  if (
    !signature.test(String(headers.authorization)) ||
    headers['x-amz-content-sha256'] !== createHash('sha256').update(body).digest('hex')
  )
    return refuseAsBedrock(
      403,
      'MissingAuthenticationTokenException',
      'Missing Authentication Token',
    );
  if (decodeURIComponent(route[1]!) !== BEDROCK_MODEL)
    return refuseAsBedrock(400, 'ValidationException', 'The provided model identifier is invalid.');
  const malformed = refuseAsBedrock(
    400,
    'ValidationException',
    'Malformed input request, please reformat your input and try again.',
  );
  const request = JSON.parse(body) as { input?: Record<string, { body?: unknown }> };
  const input = Object.keys(request.input ?? {});
  if (Object.keys(request).length !== 1 || input.length !== 1) return malformed;
  if (input[0] === 'converse') return json(200, { inputTokens: BEDROCK_COUNT });
  const encoded = request.input?.invokeModel?.body;
  if (input[0] !== 'invokeModel' || typeof encoded !== 'string') return malformed;
  const invoke = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'));
  if (
    invoke.anthropic_version !== 'bedrock-2023-05-31' ||
    !Number.isInteger(invoke.max_tokens) ||
    'model' in invoke ||
    'stream' in invoke ||
    !Array.isArray(invoke.messages)
  )
    return malformed;
  return json(200, { inputTokens: BEDROCK_COUNT });
}

// POST /v1/messages/count_tokens, asked with the Anthropic SDK, for Claude on the clouds: on a
// Bedrock channel, counted by Bedrock's CountTokens (SigV4, the InvokeModel body base64-encoded);
// on a Vertex channel, by Vertex's count-tokens:rawPredict (a service account's OAuth token,
// the model in the body). Answered in Anthropic's shape, never held or billed; a model the
// upstream cannot count is counted by the gateway's tokenizer.
describe('POST /v1/messages/count_tokens on Bedrock and Vertex channels', () => {
  let gateway: TestGateway;
  let bedrock: FixtureServer;
  let vertex: FixtureServer;
  let tokens: FixtureServer;
  let anthropic: Anthropic;

  beforeAll(async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    // Google's token endpoint: a JWT-bearer grant whose assertion the service account signed.
    tokens = await startFixtureServer(({ body }) => {
      const form = new URLSearchParams(body);
      const [header, payload, signature] = (form.get('assertion') ?? '').split('.');
      const signed =
        form.get('grant_type') === 'urn:ietf:params:oauth:grant-type:jwt-bearer' &&
        signature !== undefined &&
        createVerify('RSA-SHA256')
          .update(`${header}.${payload}`)
          .verify(publicKey, Buffer.from(signature, 'base64url'));
      return signed
        ? json(200, { access_token: 'ya29.count', expires_in: 3600, token_type: 'Bearer' })
        : json(400, { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' });
    });
    bedrock = await startFixtureServer(answerAsBedrockCountTokens);
    vertex = await startFixtureServer(({ url, headers, body }) => {
      if (headers.authorization !== 'Bearer ya29.count')
        return json(401, {
          error: { code: 401, message: 'Request had invalid authentication credentials.' },
        });
      if (url !== VERTEX_COUNT_PATH) return refuseAsAnthropic(404, 'not_found_error', url);
      const request = JSON.parse(body) as Record<string, unknown>;
      if (request.anthropic_version !== 'vertex-2023-10-16')
        return refuseAsAnthropic(400, 'invalid_request_error', 'anthropic_version: Field required');
      const extra = Object.keys(request).find((field) => !VERTEX_COUNT_FIELDS.includes(field));
      if (extra)
        return refuseAsAnthropic(
          400,
          'invalid_request_error',
          `${extra}: Extra inputs are not permitted`,
        );
      return json(200, { input_tokens: VERTEX_COUNT });
    });

    gateway = await createTestGateway({
      INITIAL_ROOT_ACCESS_TOKEN: 'root-access-token',
      VERTEX_TOKEN_URL: `${tokens.url}/token`,
    });
    const base = await gateway.listen();
    const admin = async (path: string, body: unknown) => {
      const response = await fetch(
        `${base}${path}`,
        jsonRequest('POST', body, { authorization: 'Bearer root-access-token' }),
      );
      expect(response.status).toBeLessThan(300);
      return (await response.json()) as { id: number };
    };
    await admin('/api/channels', {
      type: 'bedrock',
      name: 'bedrock',
      key: 'AKIDCOUNT:count-secret-access-key',
      baseUrl: bedrock.url,
      allowPrivateNetwork: true,
      config: { region: 'us-east-1' },
      models: ['claude-sonnet-4-5', 'claude-sonnet-4-0', 'amazon.nova-pro-v1:0'],
      // The second, a model id this Bedrock does not know, is refused by it.
      modelMapping: {
        'claude-sonnet-4-5': BEDROCK_MODEL,
        'claude-sonnet-4-0': 'anthropic.claude-unknown',
      },
    });
    await admin('/api/channels', {
      type: 'vertex',
      name: 'vertex',
      key: JSON.stringify({
        type: 'service_account',
        project_id: 'proj',
        private_key_id: 'key-1',
        private_key: privateKey,
        client_email: 'gateway@proj.iam.gserviceaccount.com',
      }),
      baseUrl: vertex.url,
      allowPrivateNetwork: true,
      config: { region: 'us-east5' },
      models: ['claude-opus-4-1'],
      modelMapping: { 'claude-opus-4-1': VERTEX_MODEL },
    });
    const { id } = await admin('/api/users', { username: 'dev', password: 'dev-password' });
    await admin(`/api/users/${id}/quota`, {
      amount: 50_000_000,
      idempotencyKey: 'count-top-up',
      reason: 'trial',
    });
    const apiKey = await createApiKeyAs(base, { username: 'dev', password: 'dev-password' });
    anthropic = new Anthropic({ apiKey, baseURL: base, maxRetries: 0 });
  });

  afterAll(async () => {
    await gateway?.close();
    await bedrock?.close();
    await vertex?.close();
    await tokens?.close();
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

  const consumeLogs = async () =>
    (await gateway.services.storage.repositories.logs.list({ type: 'consume' })).items;

  it("answers with Bedrock's CountTokens count, the InvokeModel body as Bedrock takes it", async () => {
    const counted = await anthropic.messages.countTokens(
      { model: 'claude-sonnet-4-5', ...params },
      { headers: { 'anthropic-beta': 'context-management-2025-06-27' } },
    );
    expect(counted).toEqual({ input_tokens: BEDROCK_COUNT });
    const [received] = bedrock.requests;
    expect(received!.url).toBe(`/model/${encodeURIComponent(BEDROCK_MODEL)}/count-tokens`);
    const sent = JSON.parse(received!.body) as { input: { invokeModel: { body: string } } };
    expect(JSON.parse(Buffer.from(sent.input.invokeModel.body, 'base64').toString())).toEqual({
      anthropic_version: 'bedrock-2023-05-31',
      anthropic_beta: ['context-management-2025-06-27'],
      ...params,
      max_tokens: params.thinking.budget_tokens + 1,
    });
    // The channel's secret never reaches the client or the upstream in clear.
    expect(JSON.stringify(received)).not.toContain('count-secret-access-key');
    expect(await consumeLogs()).toEqual([]);
  });

  it("answers with Vertex's count-tokens count, the client's body with the model in it", async () => {
    const counted = await anthropic.messages.countTokens({ model: 'claude-opus-4-1', ...params });
    expect(counted).toEqual({ input_tokens: VERTEX_COUNT });
    expect(vertex.requests).toHaveLength(1);
    expect(JSON.parse(vertex.requests[0]!.body)).toEqual({
      anthropic_version: 'vertex-2023-10-16',
      ...params,
      model: VERTEX_MODEL,
    });
    expect(tokens.requests).toHaveLength(1);
    expect(await consumeLogs()).toEqual([]);
  });

  it("relays Bedrock's refusal in Anthropic's words", async () => {
    const before = bedrock.requests.length;
    const refused = anthropic.messages.countTokens({ model: 'claude-sonnet-4-0', ...params });
    await expect(refused).rejects.toMatchObject({
      status: 400,
      error: {
        type: 'error',
        error: {
          type: 'invalid_request_error',
          message: expect.stringContaining('The provided model identifier is invalid.'),
        },
      },
    });
    expect(bedrock.requests.length).toBe(before + 1);
  });

  it("counts with the gateway's tokenizer a Bedrock model that is not Claude", async () => {
    const before = bedrock.requests.length;
    const counted = await anthropic.messages.countTokens({
      model: 'amazon.nova-pro-v1:0',
      ...params,
    });
    expect(counted.input_tokens).toBeGreaterThan(0);
    expect(counted.input_tokens).not.toBe(BEDROCK_COUNT);
    expect(bedrock.requests.length).toBe(before);
  });
});
