import { readFileSync } from 'node:fs';
import {
  type Content,
  type FunctionCall,
  type GenerateContentResponse,
  GoogleGenAI,
  Type,
} from '@google/genai';
import { type FixtureServer, startFixtureServer } from '@oneapi/adapters/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApiKeyAs,
  createTestGateway,
  jsonRequest,
  type TestGateway,
} from '../../testing/create-test-gateway';
import {
  answerAsAnthropic,
  answerAsGemini,
  answerAsOpenAI,
  RECORDED_SIGNATURE,
} from './gemini-upstreams';

const GEMINI_KEY = 'gemini-upstream-key-7c2d';

// Gemini's own function-calling example, with its UPPERCASE OpenAPI types.
const weatherTool = {
  functionDeclarations: [
    {
      name: 'get_weather',
      description: 'The weather in a city',
      parameters: {
        type: Type.OBJECT,
        properties: { city: { type: Type.STRING } },
        required: ['city'],
      },
    },
  ],
};

const question: Content = { role: 'user', parts: [{ text: 'What is the weather in Paris?' }] };

/** The history after the model's calls: the calls as the model made them, then their results. */
function answerCalls(response: GenerateContentResponse | GenerateContentResponse[]): Content[] {
  const chunks = Array.isArray(response) ? response : [response];
  const parts = chunks.flatMap((chunk) => chunk.candidates?.[0]?.content?.parts ?? []);
  const calls = parts.filter((part) => part.functionCall);
  return [
    question,
    { role: 'model', parts: calls },
    {
      role: 'user',
      parts: calls.map((part) => ({
        functionResponse: {
          ...(part.functionCall!.id && { id: part.functionCall!.id }),
          name: part.functionCall!.name!,
          response: { result: 'sunny' },
        },
      })),
    },
  ];
}

const textOf = (chunks: GenerateContentResponse[]) =>
  chunks.map((chunk) => chunk.text ?? '').join('');

// Google's own SDK, pointed at the gateway, through channels of each provider family; the
// upstreams are local servers speaking the recorded formats.
describe('Gemini ingress (/v1beta) with the @google/genai SDK', () => {
  let gateway: TestGateway;
  const upstreams: Record<string, FixtureServer> = {};
  /** The SDK as it comes: since version 2 it calls /v1. */
  let genai: GoogleGenAI;
  /** On /v1beta, where Gemini CLI and older SDKs call. */
  let genaiBeta: GoogleGenAI;
  let apiKey: string;

  beforeAll(async () => {
    upstreams.openai = await startFixtureServer(answerAsOpenAI);
    upstreams.anthropic = await startFixtureServer(answerAsAnthropic);
    upstreams.gemini = await startFixtureServer(answerAsGemini);
    gateway = await createTestGateway({
      INITIAL_ROOT_PASSWORD: 'root-password',
      INITIAL_ROOT_ACCESS_TOKEN: 'root-access-token',
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
    const channel = (type: string, baseUrl: string, models: string[], mapping = {}) =>
      admin('/api/channels', {
        type,
        name: type,
        key: type === 'gemini' ? GEMINI_KEY : `sk-${type}-upstream`,
        baseUrl,
        allowPrivateNetwork: true,
        models,
        modelMapping: mapping,
      });
    await channel('openai', `${upstreams.openai.url}/v1`, ['gpt-4o']);
    await channel('anthropic', upstreams.anthropic.url, ['claude-sonnet-4-5']);
    await channel('gemini', upstreams.gemini.url, ['gemini-2.5-flash', 'gemini-2.5-pro'], {
      'gemini-2.5-pro': 'gemini-3-pro-preview',
    });
    const { id } = await admin('/api/users', { username: 'dev', password: 'dev-password' });
    await admin(`/api/users/${id}/quota`, {
      amount: 5_000_000,
      idempotencyKey: 'gemini-top-up',
      reason: 'trial',
    });
    apiKey = await createApiKeyAs(base, { username: 'dev', password: 'dev-password' });
    genai = new GoogleGenAI({ apiKey, httpOptions: { baseUrl: base } });
    genaiBeta = new GoogleGenAI({ apiKey, httpOptions: { baseUrl: base, apiVersion: 'v1beta' } });
  });

  afterAll(async () => {
    await gateway?.close();
    for (const upstream of Object.values(upstreams)) await upstream.close();
  });

  // The recorded Gemini 3 tool turn is a stream only.
  describe.each([
    ['OpenAI', 'gpt-4o', true],
    ['Anthropic', 'claude-sonnet-4-5', true],
    ['Gemini 3', 'gemini-2.5-pro', false],
  ])('through a %s channel', (_family, model, recordedBuffered) => {
    it.runIf(recordedBuffered)(
      'makes a function call and answers its result, buffered',
      async () => {
        const first = await genai.models.generateContent({
          model,
          contents: [question],
          config: { tools: [weatherTool] },
        });
        const calls = first.functionCalls as FunctionCall[];
        expect(calls.length).toBeGreaterThan(0);
        expect(typeof calls[0]!.name).toBe('string');
        expect(calls[0]!.args).toBeTypeOf('object');
        expect(first.candidates?.[0]?.finishReason).toBe('STOP');
        expect(first.usageMetadata?.promptTokenCount).toBeGreaterThan(0);

        const second = await genai.models.generateContent({
          model,
          contents: answerCalls(first),
          config: { tools: [weatherTool] },
        });
        expect(second.text?.length).toBeGreaterThan(0);
        expect(second.functionCalls).toBeUndefined();
      },
    );

    it('makes a function call and answers its result, streamed', async () => {
      const first: GenerateContentResponse[] = [];
      for await (const chunk of await genai.models.generateContentStream({
        model,
        contents: [question],
        config: { tools: [weatherTool] },
      }))
        first.push(chunk);
      const calls = first.flatMap((chunk) => chunk.functionCalls ?? []);
      expect(calls).toHaveLength(1);
      expect(first.at(-1)?.candidates?.[0]?.finishReason).toBe('STOP');

      const second: GenerateContentResponse[] = [];
      for await (const chunk of await genai.models.generateContentStream({
        model,
        contents: answerCalls(first),
        config: { tools: [weatherTool] },
      }))
        second.push(chunk);
      expect(textOf(second).length).toBeGreaterThan(0);
      expect(second.flatMap((chunk) => chunk.functionCalls ?? [])).toEqual([]);
    });
  });

  it('keeps the Gemini 3 thought signature across the tool turn', async () => {
    const chunks: GenerateContentResponse[] = [];
    for await (const chunk of await genai.models.generateContentStream({
      model: 'gemini-2.5-pro',
      contents: [question],
      config: { tools: [weatherTool] },
    }))
      chunks.push(chunk);
    const part = chunks
      .flatMap((chunk) => chunk.candidates?.[0]?.content?.parts ?? [])
      .find((candidate) => candidate.functionCall);
    expect(part?.thoughtSignature).toBe(RECORDED_SIGNATURE);
    // The upstream refuses the follow-up unless the signature came back on the call.
    const followUp: GenerateContentResponse[] = [];
    for await (const chunk of await genaiBeta.models.generateContentStream({
      model: 'gemini-2.5-pro',
      contents: answerCalls(chunks),
      config: { tools: [weatherTool] },
    }))
      followUp.push(chunk);
    expect(textOf(followUp)).toBe('The capital of Mexico is Mexico City.');
    const sent = JSON.parse(upstreams.gemini!.requests.at(-1)!.body);
    expect(sent.contents[1].parts[0].thoughtSignature).toBe(RECORDED_SIGNATURE);
    expect(upstreams.gemini!.requests.at(-1)!.headers['x-goog-api-key']).toBe(GEMINI_KEY);
  });

  it('reports and bills the same usage streamed and buffered', async () => {
    const request = {
      model: 'gemini-2.5-flash',
      contents: [question],
      config: { tools: [weatherTool] },
    };
    const buffered = await genai.models.generateContent(request);
    const streamed: GenerateContentResponse[] = [];
    for await (const chunk of await genai.models.generateContentStream(request))
      streamed.push(chunk);
    // The js-genai recordings of this call report 21 prompt and 6 output tokens either way.
    const expected = { promptTokenCount: 21, candidatesTokenCount: 6, totalTokenCount: 27 };
    expect(buffered.usageMetadata).toMatchObject(expected);
    expect(streamed.at(-1)?.usageMetadata).toMatchObject(expected);
    await expect
      .poll(async () => {
        const { items } = await gateway.services.storage.repositories.logs.list({
          type: 'consume',
        });
        return items
          .filter((log) => log.model === 'gemini-2.5-flash')
          .map((log) => [log.isStream, log.promptTokens, log.completionTokens, log.quota]);
      })
      .toEqual(
        expect.arrayContaining([
          [false, 21, 6, expect.any(Number)],
          [true, 21, 6, expect.any(Number)],
        ]),
      );
    const { items } = await gateway.services.storage.repositories.logs.list({ type: 'consume' });
    const quotas = new Set(
      items.filter((log) => log.model === 'gemini-2.5-flash').map((log) => log.quota),
    );
    expect(quotas.size).toBe(1);
  });

  it('counts tokens locally', async () => {
    const short = await genai.models.countTokens({ model: 'gpt-4o', contents: 'hello' });
    const long = await genai.models.countTokens({
      model: 'gpt-4o',
      contents: 'hello '.repeat(50),
    });
    expect(short.totalTokens).toBeGreaterThan(0);
    expect(long.totalTokens).toBeGreaterThan(short.totalTokens! + 40);
    await expect(
      genai.models.countTokens({ model: 'no-such-model', contents: 'hello' }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it("lists the caller's models in Gemini's shape, on /v1 and /v1beta", async () => {
    for (const client of [genai, genaiBeta]) {
      const names: string[] = [];
      for await (const model of await client.models.list()) names.push(model.name!);
      expect(names.sort()).toEqual([
        'models/claude-sonnet-4-5',
        'models/gemini-2.5-flash',
        'models/gemini-2.5-pro',
        'models/gpt-4o',
      ]);
      expect((await client.models.get({ model: 'gpt-4o' })).name).toBe('models/gpt-4o');
      await expect(client.models.get({ model: 'no-such-model' })).rejects.toMatchObject({
        status: 404,
      });
    }
    // OpenAI's clients still get OpenAI's list on /v1/models.
    const openai = await fetch(`${gateway.url}/v1/models`, {
      headers: { authorization: `Bearer ${apiKey}` },
    });
    expect(((await openai.json()) as { object: string }).object).toBe('list');
  });

  it('takes the key as x-goog-api-key or ?key=, and refuses a bad one in Gemini’s shape', async () => {
    const body = JSON.stringify({ contents: [question] });
    const path = `${gateway.url}/v1beta/models/gpt-4o:generateContent`;
    const byQuery = await fetch(`${path}?key=${apiKey}`, { method: 'POST', body });
    expect(byQuery.status).toBe(200);
    const byHeader = await fetch(path, {
      method: 'POST',
      body,
      headers: { 'x-goog-api-key': apiKey },
    });
    expect(byHeader.status).toBe(200);
    const onV1 = await fetch(`${gateway.url}/v1/models/gpt-4o:generateContent?key=${apiKey}`, {
      method: 'POST',
      body,
    });
    expect(onV1.status).toBe(200);
    const wrong = await fetch(`${path}?key=sk-wrong`, { method: 'POST', body });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({
      error: { code: 401, message: 'Incorrect API key provided', status: 'UNAUTHENTICATED' },
    });
    // ?key= is Google's; the OpenAI surface keeps to headers.
    const openai = await fetch(`${gateway.url}/v1/models?key=${apiKey}`);
    expect(openai.status).toBe(401);
  });

  it('answers an unknown model 404 NOT_FOUND and a bad body 400 INVALID_ARGUMENT', async () => {
    const unknown = await genai.models
      .generateContent({ model: 'no-such-model', contents: 'hi' })
      .catch((error: unknown) => error as { status: number; message: string });
    expect(unknown).toMatchObject({ status: 404 });
    expect(JSON.parse((unknown as { message: string }).message).error.status).toBe('NOT_FOUND');

    const headers = { 'x-goog-api-key': apiKey, 'content-type': 'application/json' };
    const bad = await fetch(`${gateway.url}/v1beta/models/gpt-4o:generateContent`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ contents: [] }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: object }).error).toMatchObject({
      code: 400,
      status: 'INVALID_ARGUMENT',
    });
    const method = await fetch(`${gateway.url}/v1beta/models/gpt-4o:embedContent`, {
      method: 'POST',
      headers,
      body: '{}',
    });
    expect(method.status).toBe(404);
    expect(((await method.json()) as { error: object }).error).toMatchObject({
      status: 'NOT_FOUND',
    });
  });

  it('streams one JSON array without alt=sse, as the real API does', async () => {
    const response = await fetch(`${gateway.url}/v1beta/models/gpt-4o:streamGenerateContent`, {
      method: 'POST',
      headers: { 'x-goog-api-key': apiKey },
      body: JSON.stringify({ contents: [question] }),
    });
    expect(response.headers.get('content-type')).toContain('application/json');
    const chunks = JSON.parse(await response.text()) as GenerateContentResponse[];
    expect(chunks.length).toBeGreaterThan(1);
    expect(
      chunks.map((chunk) => chunk.candidates?.[0]?.content?.parts?.[0]?.text ?? '').join(''),
    ).toBe('{"city":"San Francisco","units":"c"}');
    expect(chunks.at(-1)?.usageMetadata).toEqual({
      promptTokenCount: 17,
      candidatesTokenCount: 10,
      totalTokenCount: 27,
    });
  });

  describe('to a Gemini channel, the body passes through', () => {
    // Fields and part kinds newer than the gateway, spaced as the client wrote them: the
    // upstream must get these very bytes.
    const clientBody = `{ "contents": [ { "role": "user", "parts": [ { "text": "What is the weather in Paris?", "futureAnnotation": "kept" } ] } ],
      "tools": [${JSON.stringify(weatherTool)}],
      "safetySettings": [ { "category": "HARM_CATEGORY_HARASSMENT", "threshold": "BLOCK_NONE" } ],
      "generationConfig": { "temperature": 0.2, "maxOutputTokens": 77, "responseModalities": ["TEXT"] },
      "futureFeature": { "enabled": true } }`;
    const post = (method: string, body: string) =>
      fetch(`${gateway.url}/v1beta/models/gemini-2.5-flash:${method}`, {
        method: 'POST',
        headers: { 'x-goog-api-key': apiKey, 'content-type': 'application/json' },
        body,
      });

    it('sends the client’s bytes as they are, buffered and streamed', async () => {
      const buffered = await post('generateContent', clientBody);
      expect(buffered.status).toBe(200);
      const sent = upstreams.gemini!.requests.at(-1)!;
      expect(sent.body).toBe(clientBody);
      expect(sent.url).toContain('/v1beta/models/gemini-2.5-flash:generateContent');
      expect(sent.headers['x-goog-api-key']).toBe(GEMINI_KEY);

      const streamed = await post('streamGenerateContent?alt=sse', clientBody);
      expect(streamed.status).toBe(200);
      await streamed.text();
      expect(upstreams.gemini!.requests.at(-1)!.body).toBe(clientBody);
      expect(upstreams.gemini!.requests.at(-1)!.url).toContain(':streamGenerateContent?alt=sse');
    });

    it('sets only an output limit the client left out, so the hold covers the answer', async () => {
      const body = JSON.parse(clientBody) as { generationConfig: Record<string, unknown> };
      delete body.generationConfig.maxOutputTokens;
      expect((await post('generateContent', JSON.stringify(body))).status).toBe(200);
      const sent = JSON.parse(upstreams.gemini!.requests.at(-1)!.body) as typeof body;
      const { maxOutputTokens, ...rest } = sent.generationConfig;
      expect(maxOutputTokens).toBeGreaterThan(0);
      expect({ ...sent, generationConfig: rest }).toEqual(body);
    });

    it('answers with the upstream’s body as it is', async () => {
      const answer = await post('generateContent', clientBody);
      const recording = JSON.parse(
        readFileSync(
          new URL('./__fixtures__/recording-function-calling.json', import.meta.url),
          'utf8',
        ),
      ) as { interactions: Array<{ response: { bodySegments: unknown[] } }> };
      expect(await answer.json()).toEqual(recording.interactions[0]!.response.bodySegments[0]);
    });
  });
});
