import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ResponsesTestbed, startResponsesTestbed } from './responses-testbed';

const fixture = (name: string) =>
  readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

/** The recorded Anthropic text stream broken off after its first text delta. */
const CUT_STREAM = (() => {
  const full = fixture('messages-stream-text.sse');
  const firstDelta = full.indexOf('content_block_delta');
  return full.slice(0, full.indexOf('\n\n', firstDelta) + 2);
})();

describe('POST /v1/responses billing', () => {
  let testbed: ResponsesTestbed;
  let sdk: OpenAI;
  let cut: Server;

  beforeAll(async () => {
    testbed = await startResponsesTestbed();
    // An upstream whose connection breaks mid-answer (a reset, not a clean end).
    cut = createServer((request, response) => {
      request.resume();
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(CUT_STREAM, () => setTimeout(() => response.socket?.destroy(), 20));
    });
    await new Promise<void>((resolve) => cut.listen(0, '127.0.0.1', resolve));
    const { port } = cut.address() as AddressInfo;
    await testbed.addChannel('anthropic', `http://127.0.0.1:${port}`, ['claude-3-5-haiku-latest']);
    sdk = new OpenAI({
      apiKey: testbed.apiKey,
      baseURL: `${testbed.gateway.url}/v1`,
      maxRetries: 0,
    });
  });

  afterAll(async () => {
    await testbed?.close();
    await new Promise((resolve) => cut?.close(resolve));
  });

  const input = [
    { role: 'user' as const, content: 'Weather?' },
    { type: 'function_call' as const, call_id: 'call_1', name: 'get_weather', arguments: '{}' },
    { type: 'function_call_output' as const, call_id: 'call_1', output: 'Sunny' },
  ];

  // Each upstream reports the same usage streamed and buffered in these recordings.
  it.each([
    ['passed through (OpenAI)', 'gpt-4o', input],
    ['translated (Gemini)', 'gemini-2.0-flash', 'Turn the lights down'],
  ])('bills a streamed answer as the buffered one when %s', async (_path, model, question) => {
    await sdk.responses.create({ model, input: question });
    await sdk.responses.stream({ model, input: question }).finalResponse();
    await expect.poll(async () => (await testbed.consumeLogs(model)).length).toBe(2);
    const [streamed, buffered] = await testbed.consumeLogs(model);
    expect(streamed!.promptTokens).toBeGreaterThan(0);
    expect(streamed).toMatchObject({
      promptTokens: buffered!.promptTokens,
      completionTokens: buffered!.completionTokens,
    });
  });

  it('ends a stream the upstream broke off with response.failed, and bills what was delivered', async () => {
    const response = await fetch(`${testbed.gateway.url}/v1/responses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${testbed.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'claude-3-5-haiku-latest', input: 'Hi', stream: true }),
    });
    expect(response.status, await response.clone().text()).toBe(200);
    const events = [...(await response.text()).matchAll(/^event: (\S+)$/gm)].map((m) => m[1]);
    expect(events).toContain('response.output_text.delta');
    expect(events.at(-1)).toBe('response.failed');
    await expect
      .poll(async () => (await testbed.consumeLogs('claude-3-5-haiku-latest')).length)
      .toBe(1);
    const [log] = await testbed.consumeLogs('claude-3-5-haiku-latest');
    expect(log!.promptTokens).toBeGreaterThan(0);
    expect(log!.completionTokens).toBeGreaterThan(0);
  });
});
