import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatRequestSchema } from '../../spec/openai-chat-request';
import type { UpstreamTarget } from '../../spec/provider-adapter';
import { geminiAdapter } from './gemini-adapter';
import { readRecording, recordedRequestBody } from './testing/gemini-test-support';

const fixture = (name: string) => new URL(`./__fixtures__/${name}`, import.meta.url);
const BASE = 'https://generativelanguage.googleapis.com';
const target: UpstreamTarget = { baseUrl: BASE, apiKey: 'test-gemini-key', config: {} };

async function build(request: unknown, upstream: UpstreamTarget = target) {
  const built = await geminiAdapter.buildChatRequest(chatRequestSchema.parse(request), upstream);
  return { ...built, json: JSON.parse(String(built.body)) as unknown };
}

describe('gemini request: recorded shapes', () => {
  it('puts a system message into systemInstruction (recording-generateContent-systemInstruction)', async () => {
    const [interaction] = readRecording(
      fixture('recording-generateContent-systemInstruction.json'),
    );
    const built = await build({
      model: 'gemini-2.5-flash',
      messages: [
        { role: 'system', content: 'I say high you say low' },
        { role: 'user', content: 'high' },
      ],
    });
    expect(built.method).toBe('POST');
    expect(built.url).toBe(`${BASE}${interaction!.request.url}`);
    expect(built.url).toBe(`${BASE}/v1beta/models/gemini-2.5-flash:generateContent`);
    expect(built.headers).toEqual({
      'content-type': 'application/json',
      'x-goog-api-key': 'test-gemini-key',
    });
    expect(built.json).toEqual(recordedRequestBody(interaction!));
  });

  it('streams through alt=sse and sends n as candidateCount (recording-streamGenerateContent-systemInstruction)', async () => {
    const [interaction] = readRecording(
      fixture('recording-streamGenerateContent-systemInstruction.json'),
    );
    const built = await build({
      model: 'gemini-2.5-flash',
      stream: true,
      n: 1,
      messages: [
        {
          role: 'developer',
          content: 'I say high you say low, and then tell me why is the sky blue.',
        },
        { role: 'user', content: 'high' },
      ],
    });
    expect(built.url).toBe(`${BASE}/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse`);
    expect(built.json).toEqual(recordedRequestBody(interaction!));
  });

  it('sends tools and replays an assistant tool call as a functionCall (recording-function-calling)', async () => {
    const [, second] = readRecording(fixture('recording-function-calling.json'));
    const built = await build({
      model: 'gemini-2.0-flash',
      messages: [
        { role: 'user', content: 'what is the result of 100/2' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'call_1',
              type: 'function',
              function: { name: 'customDivide', arguments: '{"denominator":2,"numerator":100}' },
            },
          ],
        },
        { role: 'user', content: 'what is the result of 50/2?' },
      ],
      tools: [
        {
          type: 'function',
          function: {
            name: 'customDivide',
            description: 'Custom divide function',
            parameters: {
              properties: { denominator: { type: 'NUMBER' }, numerator: { type: 'NUMBER' } },
              type: 'OBJECT',
            },
          },
        },
      ],
    });
    expect(built.url).toBe(`${BASE}${second!.request.url}`);
    // The adapter sends the schema as parametersJsonSchema (full JSON Schema) where the SDK
    // used the OpenAPI-subset `parameters`; everything else is the recorded body.
    const expected = JSON.parse(
      JSON.stringify(recordedRequestBody(second!)).replace(
        '"parameters":',
        '"parametersJsonSchema":',
      ),
    );
    expect(built.json).toEqual(expected);
  });
});

describe('gemini request: images', () => {
  it('sends a data: URL image as inlineData beside the text', async () => {
    const built = await build({
      model: 'gemini-2.5-flash',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in this image?' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
          ],
        },
      ],
    });
    expect(built.json).toEqual({
      contents: [
        {
          role: 'user',
          parts: [
            { text: 'What is in this image?' },
            { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } },
          ],
        },
      ],
    });
  });

  describe('http image URLs', () => {
    let server: Server;
    let imageUrl: string;
    beforeAll(async () => {
      server = createServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'image/jpeg' });
        response.end(Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      imageUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    const imageRequest = (origin: string) => ({
      model: 'gemini-2.5-flash',
      messages: [
        {
          role: 'user',
          content: [{ type: 'image_url', image_url: { url: `${origin}/cat.jpg` } }],
        },
      ],
    });

    it("fetches a public image through the target's fetch", async () => {
      const seen: string[] = [];
      // 203.0.113.10 stands for a public host; the fetch takes it to the local server.
      const viaLocal = (async (input: string | URL | Request, init?: RequestInit) => {
        seen.push(String(input));
        return fetch(String(input).replace('http://203.0.113.10', imageUrl), init);
      }) as typeof fetch;
      const built = await build(imageRequest('http://203.0.113.10'), {
        ...target,
        fetch: viaLocal,
      });
      expect(seen).toEqual(['http://203.0.113.10/cat.jpg']);
      expect(built.json).toEqual({
        contents: [
          { role: 'user', parts: [{ inlineData: { mimeType: 'image/jpeg', data: '/9j/4A==' } }] },
        ],
      });
    });

    it('refuses a loopback image URL even when the channel allows private networks', async () => {
      for (const config of [{}, { allowPrivateNetwork: true }]) {
        await expect(build(imageRequest(imageUrl), { ...target, config })).rejects.toMatchObject({
          code: 'invalid_request',
        });
      }
    });
  });
});

describe('gemini request: URL', () => {
  it('uses a channel base URL without doubling slashes and keeps tuned-model paths', async () => {
    const built = await build(
      { model: 'tunedModels/my-model', messages: [{ role: 'user', content: 'hi' }] },
      { ...target, baseUrl: 'https://proxy.example/gemini/' },
    );
    expect(built.url).toBe(
      'https://proxy.example/gemini/v1beta/tunedModels/my-model:generateContent',
    );
  });
});

describe('gemini adapter definition', () => {
  it('declares an SSE, vision-capable native provider with the AI Studio default URL', () => {
    expect(geminiAdapter).toMatchObject({
      id: 'gemini',
      kind: 'native',
      defaultBaseUrl: 'https://generativelanguage.googleapis.com',
      streamFraming: 'sse',
      capabilities: { chat: true, stream: true, tools: true, vision: true, embeddings: false },
    });
  });
});
