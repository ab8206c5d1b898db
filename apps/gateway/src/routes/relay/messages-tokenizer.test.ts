import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTokenWorkerRunning } from '../../tokenizer/count-tokens-off-thread';
import { type ResponsesTestbed, startResponsesTestbed } from './responses-testbed';

interface StreamEvent {
  readonly type: string;
  readonly message?: { usage: { input_tokens: number } };
  readonly usage?: { input_tokens?: number; output_tokens: number };
}

// The o200k vocabulary costs some 60 MB wherever it is loaded: nothing on a request's path
// loads it when the upstream reports usage, and what must count (count_tokens answered here,
// streams without usage) counts in a worker started then, with the same counts as before.
describe('the tokenizer on the Messages routes', () => {
  let testbed: ResponsesTestbed;
  const post = (path: string, body: object) =>
    fetch(`${testbed.gateway.url}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-api-key': testbed.apiKey,
        'anthropic-version': '2023-06-01',
      },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    testbed = await startResponsesTestbed();
  });

  afterAll(async () => {
    await testbed?.close();
  });

  it('streams a translated answer without counting: the upstream’s usage comes in message_delta', async () => {
    const response = await post('/v1/messages', {
      model: 'deepseek-chat',
      max_tokens: 64,
      stream: true,
      messages: [{ role: 'user', content: 'The gateway relays the request. '.repeat(50) }],
    });
    expect(response.status).toBe(200);
    const events = (await response.text())
      .split('\n')
      .filter((line) => line.startsWith('data: '))
      .map((line) => JSON.parse(line.slice(6)) as StreamEvent);
    const start = events.find((event) => event.type === 'message_start');
    const delta = events.find((event) => event.type === 'message_delta');
    // An estimate from the bytes (1,600 of text, about 4 a token), not a count.
    expect(start?.message?.usage.input_tokens).toBeGreaterThan(200);
    expect(start?.message?.usage.input_tokens).toBeLessThan(800);
    // The recorded upstream's prompt_tokens, which is what is billed.
    expect(delta?.usage).toMatchObject({ input_tokens: 17, output_tokens: 10 });
    expect(isTokenWorkerRunning()).toBe(false);
  });

  it('counts count_tokens in a worker started for it, to the token it counted on the loop', async () => {
    expect(isTokenWorkerRunning()).toBe(false);
    const response = await post('/v1/messages/count_tokens', {
      model: 'gpt-4o',
      system: 'You are terse. <|endoftext|> is plain text here.',
      messages: [
        {
          role: 'user',
          content:
            'Summarise: 東京の天気は晴れです。The gateway relays the request to the first healthy channel.',
        },
        { role: 'assistant', content: 'Which channel?' },
        { role: 'user', content: 'x'.repeat(700) },
      ],
      tools: [
        {
          name: 'Read',
          input_schema: { type: 'object', properties: { path: { type: 'string' } } },
        },
      ],
    });
    // What the gateway answered when it counted in the event loop's thread.
    expect(await response.json()).toEqual({ input_tokens: 175 });
    expect(isTokenWorkerRunning()).toBe(true);
  });
});
