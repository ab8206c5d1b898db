import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonRequest } from '../../testing/create-test-gateway';
import { type ResponsesTestbed, startResponsesTestbed } from './responses-testbed';

// Node writes what a response is given only once the turn's microtasks have run: a burst of
// upstream events translated in one run of them left together, after the last. The first
// frame is handed on, then the relay waits a turn of the event loop before the next.
describe('a translated stream whose events come in one burst', () => {
  let testbed: ResponsesTestbed;

  beforeAll(async () => {
    testbed = await startResponsesTestbed();
  });

  afterAll(() => testbed?.close());

  it('hands on its first frame a turn of the event loop before the next', async () => {
    const response = await testbed.gateway.app.request(
      '/v1/chat/completions',
      jsonRequest(
        'POST',
        { model: 'claude-sonnet-4-5', stream: true, messages: [{ role: 'user', content: 'Hi' }] },
        { authorization: `Bearer ${testbed.apiKey}` },
      ),
    );
    expect(response.status).toBe(200);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    expect(decoder.decode((await reader.read()).value)).toMatch(/^data: \{"id":/);
    let turned = false;
    setImmediate(() => {
      turned = true;
    });
    let rest = decoder.decode((await reader.read()).value);
    expect(turned).toBe(true);
    for (let read = await reader.read(); !read.done; read = await reader.read())
      rest += decoder.decode(read.value);
    expect(rest.endsWith('data: [DONE]\n\n')).toBe(true);
  });
});
