import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type FixtureServer, startFixtureServer } from '@oneapi/adapters/testing';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../log/create-logger';
import {
  createApiKeyAs,
  createTestGateway,
  jsonRequest,
  type TestGateway,
} from '../../testing/create-test-gateway';

const fixture = (name: string) =>
  readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const CANARY = 'sk-canary-upstream-3f9b1d77c2';
const PIXEL =
  'data:image/png;base64,iVBORw0KGoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==';

/** An upstream that streams one OpenAI chunk every 100 ms and notes when its client left. */
async function startSlowUpstream() {
  const state = { closedAt: undefined as number | undefined };
  const server: Server = createServer((request, response) => {
    request.resume();
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    let sent = 0;
    const timer = setInterval(() => {
      const chunk = {
        id: 'chatcmpl-slow',
        object: 'chat.completion.chunk',
        created: 1,
        model: 'slow',
        choices: [{ index: 0, delta: { content: `word${sent} ` }, finish_reason: null }],
      };
      response.write(`data: ${JSON.stringify(chunk)}\n\n`);
      if (++sent === 100) {
        clearInterval(timer);
        response.end('data: [DONE]\n\n');
      }
    }, 100);
    response.on('close', () => {
      clearInterval(timer);
      state.closedAt = Date.now();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// What the official SDK sends beyond plain text (tools, images), a client that walks away
// mid-stream, and a sweep for the upstream key over every response and log line.
describe('relay: tools, vision, client abort, secrets', () => {
  let gateway: TestGateway;
  let upstream: FixtureServer;
  let slow: Awaited<ReturnType<typeof startSlowUpstream>>;
  let sdk: OpenAI;
  let apiKey: string;
  const logLines: string[] = [];
  const seen: string[] = [];

  beforeAll(async () => {
    upstream = await startFixtureServer(({ body, headers }) => {
      const request = JSON.parse(body);
      if (request.model === 'echo-key')
        return {
          status: 401,
          body: JSON.stringify({
            error: { message: `Incorrect API key provided: ${headers.authorization}` },
          }),
        };
      if (request.model === 'crash')
        return { status: 500, body: `upstream crashed holding ${headers.authorization}` };
      if (request.tools)
        return request.stream
          ? {
              headers: { 'content-type': 'text/event-stream' },
              body: fixture('chat-stream-tool-call.sse'),
            }
          : { body: fixture('chat-completion-parallel-tool-calls.json') };
      return { body: fixture('chat-completion-text.json') };
    });
    slow = await startSlowUpstream();
    gateway = await createTestGateway(
      { INITIAL_ROOT_ACCESS_TOKEN: 'root-access-token' },
      {
        logger: createLogger({
          level: 'trace',
          destination: { write: (line) => void logLines.push(line) },
        }),
      },
    );
    const base = await gateway.listen();
    const root = { authorization: 'Bearer root-access-token' };
    const admin = async (path: string, body: unknown) => {
      const response = await fetch(`${base}${path}`, jsonRequest('POST', body, root));
      seen.push(await response.clone().text());
      expect(response.status).toBeLessThan(300);
      return (await response.json()) as { id: number };
    };
    await admin('/api/channels', {
      type: 'openai',
      name: 'canary',
      key: CANARY,
      baseUrl: `${upstream.url}/v1`,
      allowPrivateNetwork: true,
      models: ['gpt-4o', 'echo-key', 'crash'],
    });
    await admin('/api/channels', {
      type: 'openai',
      name: 'slow',
      key: 'sk-slow-upstream',
      baseUrl: `${slow.url}/v1`,
      allowPrivateNetwork: true,
      models: ['gpt-4o-mini'],
    });
    const { id } = await admin('/api/users', { username: 'dev', password: 'dev-password' });
    await admin(`/api/users/${id}/quota`, {
      amount: 1_000_000,
      idempotencyKey: 'sdk-features-grant',
      reason: 'test',
    });
    apiKey = await createApiKeyAs(base, { username: 'dev', password: 'dev-password' });
    sdk = new OpenAI({ apiKey, baseURL: `${base}/v1`, maxRetries: 0 });
  });

  afterAll(async () => {
    await gateway?.close();
    await upstream?.close();
    await slow?.close();
  });

  const weatherTool = {
    type: 'function' as const,
    function: {
      name: 'get_weather',
      parameters: { type: 'object', properties: { city: { type: 'string' } } },
    },
  };

  it('passes tools up and tool calls back, streamed and not', async () => {
    const completion = await sdk.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Weather in Edinburgh, and AAPL?' }],
      tools: [weatherTool],
    });
    const calls = completion.choices[0]?.message.tool_calls ?? [];
    expect(calls.map((call) => call.type === 'function' && call.function.name)).toEqual([
      'GetWeatherArgs',
      'get_stock_price',
    ]);
    expect(JSON.parse(upstream.requests.at(-1)!.body).tools).toEqual([weatherTool]);

    const stream = sdk.chat.completions.stream({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Weather in New York?' }],
      tools: [weatherTool],
    });
    const final = await stream.finalChatCompletion();
    const call = final.choices[0]?.message.tool_calls?.[0];
    expect(call?.type === 'function' && call.function).toEqual({
      name: 'get_weather',
      arguments: '{"city":"New York City"}',
    });
    expect(final.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('sends an image part upstream as the caller gave it', async () => {
    await sdk.chat.completions.create({
      model: 'gpt-4o',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in this image?' },
            { type: 'image_url', image_url: { url: PIXEL, detail: 'low' } },
          ],
        },
      ],
    });
    const sent = JSON.parse(upstream.requests.at(-1)!.body);
    expect(sent.messages[0].content[1]).toEqual({
      type: 'image_url',
      image_url: { url: PIXEL, detail: 'low' },
    });
  });

  it('aborts the upstream within a second of the client leaving, and bills what was delivered', async () => {
    const controller = new AbortController();
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      ...jsonRequest(
        'POST',
        { model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'talk' }] },
        { authorization: `Bearer ${apiKey}` },
      ),
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    let received = '';
    while (!received.includes('word2'))
      received += new TextDecoder().decode((await reader.read()).value);
    const leftAt = Date.now();
    controller.abort();
    await expect.poll(() => slow.state.closedAt, { timeout: 1000, interval: 20 }).toBeDefined();
    expect(slow.state.closedAt! - leftAt).toBeLessThan(1000);
    const { logs, quotaReservations } = gateway.services.storage.repositories;
    await expect
      .poll(async () => (await logs.list({ type: 'consume', model: 'gpt-4o-mini' })).items[0])
      .toBeDefined();
    const [entry] = (await logs.list({ type: 'consume', model: 'gpt-4o-mini' })).items;
    // The upstream sent no usage: the delivered words were counted, and flagged as such.
    expect(entry).toMatchObject({ isStream: true, usageEstimated: true });
    expect(entry!.completionTokens).toBeGreaterThanOrEqual(3);
    expect(entry!.completionTokens).toBeLessThan(40);
    expect(await quotaReservations.countOpen()).toBe(0);
  });

  it('never shows the upstream key in any response or log line, even when the upstream echoes it', async () => {
    const record = async (promise: Promise<Response>) => {
      const response = await promise;
      seen.push(JSON.stringify([...response.headers]), await response.text());
    };
    const relay = (body: unknown) =>
      fetch(
        `${gateway.url}/v1/chat/completions`,
        jsonRequest('POST', body, { authorization: `Bearer ${apiKey}` }),
      );
    const root = { authorization: 'Bearer root-access-token' };
    for (const model of ['echo-key', 'crash', 'gpt-4o'])
      for (const stream of [false, true])
        await record(relay({ model, stream, messages: [{ role: 'user', content: 'x' }] }));
    await record(fetch(`${gateway.url}/api/channels`, { headers: root }));
    await record(fetch(`${gateway.url}/api/channels/1`, { headers: root }));
    await record(fetch(`${gateway.url}/api/logs?type=error`, { headers: root }));
    await record(fetch(`${gateway.url}/api/channels/1/test`, jsonRequest('POST', {}, root)));
    await record(fetch(`${gateway.url}/metrics`));
    expect(seen.length).toBeGreaterThan(10);
    expect(logLines.length).toBeGreaterThan(10);
    // The key was sent upstream (so the sweep is meaningful) but came back from nowhere.
    expect(upstream.requests.some((r) => r.headers.authorization === `Bearer ${CANARY}`)).toBe(
      true,
    );
    for (const text of [...seen, ...logLines]) expect(text).not.toContain(CANARY);
    const stored = await gateway.services.storage.repositories.logs.list({ limit: 500 });
    expect(JSON.stringify(stored)).not.toContain(CANARY);
  });
});
