import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type FixtureServer, startFixtureServer } from '@oneapi/adapters/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApiKeyAs,
  createTestGateway,
  jsonRequest,
  type TestGateway,
} from '../../testing/create-test-gateway';

type Recording = {
  interactions: Array<{ response: { headers: Record<string, string>; bodySegments: unknown[] } }>;
};
const recording = (name: string) =>
  JSON.parse(
    readFileSync(new URL(`./__fixtures__/vertex/${name}`, import.meta.url), 'utf8'),
  ) as Recording;
const BUFFERED = recording('recording-generateContent-systemInstruction.json').interactions[0]!;
const STREAMED = recording('recording-function-calling-stream.json').interactions[0]!;
const MODEL_PATH =
  '/v1beta1/projects/proj/locations/us-central1/publishers/google/models/gemini-2.5-flash';

/** Vertex's refusal of a call without a valid OAuth token, in its words. */
const UNAUTHENTICATED = {
  status: 401,
  body: JSON.stringify({
    error: {
      code: 401,
      message:
        'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
      status: 'UNAUTHENTICATED',
    },
  }),
};

// Gemini's REST ingress to a Vertex channel serving a Gemini model: passed through as for
// AI Studio, the body as the client wrote it, byte for byte, to Vertex's URL (project,
// location, publisher) with the OAuth token the channel's service account gets. The mock
// Vertex answers with the recorded Vertex bodies, and only with a token it handed out.
describe('Gemini generateContent to a Vertex channel: a passthrough', () => {
  let gateway: TestGateway;
  let tokens: FixtureServer;
  let vertex: FixtureServer;
  let apiKey: string;

  beforeAll(async () => {
    tokens = await startFixtureServer(() => ({
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ access_token: 'ya29.vertex', expires_in: 3600, token_type: 'Bearer' }),
    }));
    vertex = await startFixtureServer(({ url, headers }) => {
      if (headers.authorization !== 'Bearer ya29.vertex') return UNAUTHENTICATED;
      if (url === `${MODEL_PATH}:generateContent`)
        return {
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(BUFFERED.response.bodySegments[0]),
        };
      if (url === `${MODEL_PATH}:streamGenerateContent?alt=sse`)
        return {
          headers: { 'content-type': 'text/event-stream' },
          body: STREAMED.response.bodySegments
            .map((chunk) => `data: ${JSON.stringify(chunk)}\r\n\r\n`)
            .join(''),
        };
      return {
        status: 404,
        body: JSON.stringify({
          error: { code: 404, message: `Not found: ${url}`, status: 'NOT_FOUND' },
        }),
      };
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
    const { privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
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
      config: { region: 'us-central1' },
      models: ['gemini-2.5-flash'],
    });
    const { id } = await admin('/api/users', { username: 'dev', password: 'dev-password' });
    await admin(`/api/users/${id}/quota`, {
      amount: 50_000_000,
      idempotencyKey: 'vertex-top-up',
      reason: 'trial',
    });
    apiKey = await createApiKeyAs(base, { username: 'dev', password: 'dev-password' });
  });

  afterAll(async () => {
    await gateway?.close();
    await vertex?.close();
    await tokens?.close();
  });

  // Fields and parts newer than the gateway, spaced as the client wrote them.
  const clientBody = `{ "contents": [ { "role": "user", "parts": [ { "text": "high", "futureAnnotation": "kept" } ] } ],
    "systemInstruction": { "role": "user", "parts": [ { "text": "I say high you say low." } ] },
    "safetySettings": [ { "category": "HARM_CATEGORY_HARASSMENT", "threshold": "BLOCK_NONE" } ],
    "generationConfig": { "maxOutputTokens": 64, "topK": 3 },
    "futureFeature": { "enabled": true } }`;
  const post = (method: string) =>
    fetch(`${gateway.url}/v1beta/models/gemini-2.5-flash:${method}`, {
      method: 'POST',
      headers: { 'x-goog-api-key': apiKey, 'content-type': 'application/json' },
      body: clientBody,
    });

  it('sends the client’s bytes to Vertex and answers with Vertex’s body', async () => {
    const answer = await post('generateContent');
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual(BUFFERED.response.bodySegments[0]);
    const sent = vertex.requests.at(-1)!;
    expect(sent.url).toBe(`${MODEL_PATH}:generateContent`);
    expect(sent.body).toBe(clientBody);
    expect(sent.headers['x-goog-api-key']).toBeUndefined();
  });

  it('streams Vertex’s events as they are, the body sent as written', async () => {
    const answer = await post('streamGenerateContent?alt=sse');
    expect(answer.status).toBe(200);
    const chunks = [...(await answer.text()).matchAll(/^data: (.*)$/gm)].map((match) =>
      JSON.parse(match[1]!),
    );
    expect(chunks).toEqual(STREAMED.response.bodySegments);
    expect(vertex.requests.at(-1)!.url).toBe(`${MODEL_PATH}:streamGenerateContent?alt=sse`);
    expect(vertex.requests.at(-1)!.body).toBe(clientBody);
  });
});
