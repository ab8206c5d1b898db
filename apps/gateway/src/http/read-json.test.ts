import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { GatewayError } from './gateway-error';
import { parseBody } from './parse-body';
import {
  DEFAULT_MAX_JSON_DEPTH,
  OFF_THREAD_JSON_BYTES,
  parseJsonBytes,
  provideJsonDepthLimit,
  readJson,
} from './read-json';

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

function createEchoApp(limit?: number) {
  const app = new Hono();
  if (limit !== undefined) app.use(provideJsonDepthLimit(limit));
  app.post('/json', async (c) => c.json({ value: await readJson(c) }));
  app.post('/schema', async (c) => c.json(await parseBody(c, z.object({ name: z.string() }))));
  app.onError((error, c) =>
    error instanceof GatewayError
      ? c.json(error.toOpenAIError(), error.status as 400)
      : c.json({ crashed: String(error) }, 500),
  );
  return app;
}

const post = (app: Hono, path: string, body: string) =>
  app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

const bytesOf = (text: string) => new TextEncoder().encode(text);
const parseJsonText = async (text: string, maxDepth: number) =>
  (await parseJsonBytes(bytesOf(text), maxDepth)).json;

describe('parseJsonBytes', () => {
  it('parses JSON up to the depth cap and refuses deeper with invalid_request', async () => {
    expect(await parseJsonText(nested(3), 3)).toEqual([[[]]]);
    await expect(parseJsonText(nested(4), 3)).rejects.toThrow(
      expect.objectContaining({ code: 'invalid_request', status: 400 }),
    );
  });

  it('keeps the message for text that is not JSON', async () => {
    await expect(parseJsonText('{"a":', 64)).rejects.toThrow('The request body must be valid JSON');
    await expect(parseJsonText('', 64)).rejects.toThrow('The request body must be valid JSON');
  });

  // Large bodies are decoded and parsed in a worker thread: the same answers, refusals included.
  describe.each([
    ['on this thread', 1],
    ['in a worker', OFF_THREAD_JSON_BYTES],
  ])('%s', (_where, size) => {
    const padding = (text: string) => text.repeat(Math.ceil(size / text.length));

    it('parses what JSON.parse parses, in every script, and drops a byte-order mark', async () => {
      const value = {
        model: 'gpt-4o',
        messages: [
          { role: 'user', content: padding('网关 "quoted" \\ [x] 🎉 \u2028 ') },
          { role: 'assistant', content: [{ type: 'text', text: 'a' }] },
        ],
      };
      const text = JSON.stringify(value);
      const bytes = bytesOf(text);
      expect(bytes.length).toBeGreaterThanOrEqual(size);
      const parsed = await parseJsonBytes(bytes, 64);
      expect(parsed.json).toEqual(value);
      expect(parsed.bytes).toEqual(bytes);
      const withMark = new Uint8Array(bytes.length + 3);
      withMark.set([0xef, 0xbb, 0xbf]);
      withMark.set(bytes, 3);
      const unmarked = await parseJsonBytes(withMark, 64, { transfer: true });
      expect(unmarked.json).toEqual(value);
      expect(Buffer.from(unmarked.bytes).equals(Buffer.from(bytes))).toBe(true);
    });

    it('refuses bytes that are not UTF-8, broken JSON, too deep and too broad', async () => {
      const filler = padding(' ');
      const invalidUtf8 = bytesOf(`{"a":"x${filler}"}`);
      invalidUtf8[6] = 0xff;
      await expect(parseJsonBytes(invalidUtf8, 64)).rejects.toThrow(
        'The request body must be valid UTF-8',
      );
      await expect(parseJsonText(`{"a":${filler}`, 64)).rejects.toThrow(
        'The request body must be valid JSON',
      );
      await expect(parseJsonText(`${filler}${nested(65)}`, 64)).rejects.toThrow(
        'deeper than 64 levels',
      );
      const broad = `{${Array.from({ length: 1_001 }, (_, i) => `"k${i}":0`).join(',')}}${filler}`;
      await expect(parseJsonText(broad, 64)).rejects.toThrow('more than 1000 keys');
    });
  });
});

describe('readJson', () => {
  it('answers a 100,000-deep array with a 400 in the OpenAI shape', async () => {
    const response = await post(createEchoApp(), '/json', nested(100_000));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: {
        message: `The request body nests arrays and objects deeper than ${DEFAULT_MAX_JSON_DEPTH} levels`,
        type: 'invalid_request_error',
        param: null,
        code: 'invalid_request',
      },
    });
  });

  it('takes the cap from provideJsonDepthLimit', async () => {
    const app = createEchoApp(2);
    expect((await post(app, '/json', nested(2))).status).toBe(200);
    expect((await post(app, '/json', nested(3))).status).toBe(400);
    expect((await post(app, '/schema', '{"name":{"a":[]}}')).status).toBe(400);
  });

  it('lets brackets inside strings through', async () => {
    const body = JSON.stringify({
      messages: [{ role: 'user', content: `[[[[${'{'.repeat(100)}` }],
    });
    const response = await post(createEchoApp(3), '/json', body);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ value: JSON.parse(body) });
  });

  it('keeps parseBody errors as they were', async () => {
    const app = createEchoApp();
    const invalid = await post(app, '/schema', '{"name":');
    expect(await invalid.json()).toMatchObject({
      error: { message: 'The request body must be valid JSON', code: 'invalid_request' },
    });
    const wrong = await post(app, '/schema', '{"name":1}');
    expect(await wrong.json()).toMatchObject({ error: { param: 'name' } });
    expect(await (await post(app, '/schema', '{"name":"x"}')).json()).toEqual({ name: 'x' });
  });
});
