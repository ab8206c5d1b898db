import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatRequestSchema } from '../../spec/openai-chat-request';
import type { UpstreamTarget } from '../../spec/provider-adapter';
import { readRecording, recordedRequestBody } from '../gemini/testing/gemini-test-support';
import {
  createFakeServiceAccount,
  startTokenServer,
  type TokenServer,
} from './testing/vertex-test-support';
import { createVertexAdapter } from './vertex-adapter';
import { createVertexAuth } from './vertex-auth';

const fixture = (name: string) => new URL(`./__fixtures__/${name}`, import.meta.url);
const serviceAccount = JSON.stringify({
  client_email: 'a@b',
  private_key: 'pem',
  project_id: 'sa-project',
});
const keysAsked: string[] = [];
const adapter = createVertexAdapter({
  auth: {
    getAccessToken: async (json) => {
      keysAsked.push(json);
      return 'token-abc';
    },
  },
});
const target = (config: Record<string, unknown>, apiKey = serviceAccount): UpstreamTarget => ({
  baseUrl: '',
  apiKey,
  config,
});
const chat = (fields: Record<string, unknown>) =>
  chatRequestSchema.parse({ messages: [{ role: 'user', content: 'hi' }], ...fields });
/** The recorder redacted project and location; put ours back in. */
const recordedPath = (url: string, project: string, region: string) =>
  url
    .replace('projects/REDACTED', `projects/${project}`)
    .replace('locations/REDACTED', `locations/${region}`);

describe('vertex request', () => {
  it('defaults to us-central1 and the key file project, with the recorded body (recording-generateContent-systemInstruction)', async () => {
    const [interaction] = readRecording(
      fixture('recording-generateContent-systemInstruction.json'),
    );
    const built = await adapter.buildChatRequest(
      chat({
        model: 'gemini-2.5-flash',
        messages: [
          { role: 'system', content: 'I say high you say low.' },
          { role: 'user', content: 'high' },
        ],
      }),
      target({}),
    );
    expect(built.url).toBe(
      'https://us-central1-aiplatform.googleapis.com/v1beta1/projects/sa-project/locations/us-central1/publishers/google/models/gemini-2.5-flash:generateContent',
    );
    expect(built.url).toBe(
      `https://us-central1-aiplatform.googleapis.com${recordedPath(interaction!.request.url, 'sa-project', 'us-central1')}`,
    );
    expect(built.headers).toEqual({
      'content-type': 'application/json',
      authorization: 'Bearer token-abc',
    });
    expect(JSON.parse(String(built.body))).toEqual(recordedRequestBody(interaction!));
    expect(keysAsked.at(-1)).toBe(serviceAccount);
  });

  it('uses the regional host and the configured project', async () => {
    const built = await adapter.buildChatRequest(
      chat({ model: 'gemini-2.5-pro' }),
      target({ project: 'my-project', region: 'europe-west4' }),
    );
    expect(built.url).toBe(
      'https://europe-west4-aiplatform.googleapis.com/v1beta1/projects/my-project/locations/europe-west4/publishers/google/models/gemini-2.5-pro:generateContent',
    );
  });

  it('uses aiplatform.googleapis.com for the global region (recording-stream-partial-function-call-args)', async () => {
    const [interaction] = readRecording(
      fixture('recording-stream-partial-function-call-args.json'),
    );
    const built = await adapter.buildChatRequest(
      chat({ model: 'gemini-3-pro-preview', stream: true }),
      target({ project: 'p1', region: 'global' }),
    );
    expect(built.url).toBe(
      `https://aiplatform.googleapis.com${recordedPath(interaction!.request.url, 'p1', 'global')}`,
    );
    expect(built.url).toMatch(
      /locations\/global\/publishers\/google\/models\/gemini-3-pro-preview:streamGenerateContent\?alt=sse$/,
    );
  });

  it('keeps a channel base URL', async () => {
    const built = await adapter.buildChatRequest(chat({ model: 'gemini-2.5-flash' }), {
      ...target({ project: 'p', region: 'us-east5' }),
      baseUrl: 'https://vertex-proxy.example/',
    });
    expect(built.url).toBe(
      'https://vertex-proxy.example/v1beta1/projects/p/locations/us-east5/publishers/google/models/gemini-2.5-flash:generateContent',
    );
  });

  it('refuses a region that is not a plain region name, and a missing project', async () => {
    await expect(
      adapter.buildChatRequest(chat({ model: 'm' }), target({ region: 'evil.example/x' })),
    ).rejects.toMatchObject({ param: 'region' });
    const noProject = JSON.stringify({ client_email: 'a@b', private_key: 'pem' });
    await expect(
      adapter.buildChatRequest(chat({ model: 'm' }), target({}, noProject)),
    ).rejects.toMatchObject({
      code: 'upstream_auth_failed',
    });
  });
});

describe('vertex request with the real token flow', () => {
  let server: TokenServer;
  beforeAll(async () => {
    server = await startTokenServer();
  });
  afterAll(() => server.close());

  it('sends the token from the token server as a bearer token, once per key', async () => {
    const account = createFakeServiceAccount();
    const live = createVertexAdapter({ auth: createVertexAuth({ tokenUrl: server.url }) });
    for (let attempt = 0; attempt < 2; attempt++) {
      const built = await live.buildChatRequest(
        chat({ model: 'gemini-2.5-flash' }),
        target({}, account.json),
      );
      expect(built.headers.authorization).toBe('Bearer token-1');
    }
    expect(server.requests).toHaveLength(1);
  });
});

describe('vertex adapter definition', () => {
  it('declares its config fields and capabilities', () => {
    expect(adapter.id).toBe('vertex');
    expect(adapter.streamFraming).toBe('sse');
    expect(adapter.configFields?.map((field) => [field.name, field.default])).toEqual([
      ['project', undefined],
      ['region', 'us-central1'],
    ]);
    expect(adapter.capabilities).toMatchObject({
      chat: true,
      stream: true,
      tools: true,
      vision: true,
      embeddings: false,
    });
  });
});
