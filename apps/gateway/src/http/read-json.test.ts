import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { GatewayError } from './gateway-error';
import { parseBody } from './parse-body';
import {
  DEFAULT_MAX_JSON_DEPTH,
  parseJsonText,
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

describe('parseJsonText', () => {
  it('parses JSON up to the depth cap and refuses deeper with invalid_request', () => {
    expect(parseJsonText(nested(3), 3)).toEqual([[[]]]);
    expect(() => parseJsonText(nested(4), 3)).toThrow(
      expect.objectContaining({ code: 'invalid_request', status: 400 }),
    );
  });

  it('keeps the message for text that is not JSON', () => {
    expect(() => parseJsonText('{"a":', 64)).toThrow('The request body must be valid JSON');
    expect(() => parseJsonText('', 64)).toThrow('The request body must be valid JSON');
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
