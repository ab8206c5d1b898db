import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonRequest, type TestGateway } from '../testing/create-test-gateway';
import { type FaultUpstream, startFaultUpstream } from '../testing/reliability/fault-upstream';
import { reportFigure, TEST_TIMEOUT_MS } from '../testing/reliability/reliability-kit';
import { ROOT, ROOT_API_KEY, startFaultGateway } from '../testing/reliability/upstream-fault-kit';

/*
 * Errors the official SDKs retry cost a caller about 1.5 s each (two retries with backoff):
 * a model nothing serves must be a final 404, not a 503; a 503 is for channels that exist
 * but cannot serve now. On /v1/messages every error, authentication and unknown routes
 * included, is in Anthropic's shape, which its SDK parses into typed errors.
 */

/** A fetch that counts the attempts an SDK makes, so a retry cannot go unseen. */
function countingFetch() {
  const counter = {
    attempts: 0,
    fetch: (input: string | URL | Request, init?: RequestInit) => {
      counter.attempts++;
      return fetch(input, init);
    },
  };
  return counter;
}

async function addChannel(
  gateway: TestGateway,
  channel: { name: string; baseUrl: string; models: string[] },
): Promise<number> {
  const response = await fetch(
    `${gateway.url}/api/channels`,
    jsonRequest(
      'POST',
      {
        type: 'openai',
        name: channel.name,
        key: `sk-${channel.name}-upstream-key`,
        baseUrl: channel.baseUrl,
        allowPrivateNetwork: true,
        models: channel.models,
      },
      ROOT,
    ),
  );
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: number }).id;
}

describe('errors that make clients retry (SQLite)', () => {
  let gateway: TestGateway;
  let healthy: FaultUpstream;
  let dead: FaultUpstream;

  beforeAll(async () => {
    healthy = await startFaultUpstream(() => ({ kind: 'answer' }));
    dead = await startFaultUpstream(() => ({ kind: 'unauthorized' }));
    // Revival probes would bring the dead key back between two assertions: off here.
    gateway = await startFaultGateway({ CHANNEL_PROBE_DELAY: '0' });
    await addChannel(gateway, {
      name: 'healthy',
      baseUrl: `${healthy.url}/v1`,
      // `house-model` is served but has no price: the ledger would refuse it.
      models: ['gpt-4o-mini', 'house-model'],
    });
    await addChannel(gateway, { name: 'dead', baseUrl: `${dead.url}/v1`, models: ['gpt-4o'] });
  });

  afterAll(async () => {
    await gateway?.close();
    await healthy?.close();
    await dead?.close();
  });

  it(
    'answers a model nothing serves with a final 404 model_not_found: one attempt, no retry',
    async () => {
      const counter = countingFetch();
      // The SDK's default retry policy (2 retries): only the answer's status keeps it from retrying.
      const sdk = new OpenAI({
        apiKey: ROOT_API_KEY,
        baseURL: `${gateway.url}/v1`,
        fetch: counter.fetch,
      });
      const started = performance.now();
      const error = await sdk.chat.completions
        .create({ model: 'no-such-model', messages: [{ role: 'user', content: 'hi' }] })
        .catch((thrown: unknown) => thrown);
      const elapsedMs = performance.now() - started;
      expect(error).toBeInstanceOf(OpenAI.NotFoundError);
      expect(error).toMatchObject({
        status: 404,
        code: 'model_not_found',
        type: 'invalid_request_error',
      });
      expect(counter.attempts).toBe(1);
      expect(healthy.requests).toHaveLength(0);

      const anthropicCounter = countingFetch();
      const anthropic = new Anthropic({
        apiKey: ROOT_API_KEY,
        baseURL: gateway.url,
        fetch: anthropicCounter.fetch,
      });
      const anthropicError = await anthropic.messages
        .create({
          model: 'no-such-model',
          max_tokens: 16,
          messages: [{ role: 'user', content: 'hi' }],
        })
        .catch((thrown: unknown) => thrown);
      expect(anthropicError).toBeInstanceOf(Anthropic.NotFoundError);
      expect((anthropicError as InstanceType<typeof Anthropic.APIError>).error).toMatchObject({
        type: 'error',
        error: { type: 'not_found_error' },
      });
      expect(anthropicCounter.attempts).toBe(1);
      reportFigure(
        `unknown model: 1 attempt (OpenAI SDK) in ${elapsedMs.toFixed(0)} ms, 1 attempt (Anthropic SDK)`,
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'answers 503 when channels list the model but none can serve it now',
    async () => {
      const sdk = new OpenAI({ apiKey: ROOT_API_KEY, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
      const ask = () =>
        sdk.chat.completions
          .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] })
          .catch((thrown: unknown) => thrown);
      // The upstream's 401 retires the channel's only key...
      await ask();
      expect(dead.requests).toHaveLength(1);
      // ...after which the channel still lists the model but cannot serve it: a 503, which a
      // client may retry later, and no upstream call.
      const error = await ask();
      expect(error).toBeInstanceOf(OpenAI.InternalServerError);
      expect(error).toMatchObject({ status: 503, code: 'no_channel_available' });
      expect(dead.requests).toHaveLength(1);
    },
    TEST_TIMEOUT_MS,
  );

  it('lists only models a request would be accepted for: priced, allowed, served', async () => {
    const sdk = new OpenAI({ apiKey: ROOT_API_KEY, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
    const listed = [];
    for await (const model of sdk.models.list()) listed.push(model.id);
    expect(listed).toEqual(['gpt-4o', 'gpt-4o-mini']);
    await expect(sdk.models.retrieve('house-model')).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(sdk.models.retrieve('gpt-4o-mini')).resolves.toMatchObject({ id: 'gpt-4o-mini' });
    // And an unlisted model is indeed refused: the list does not hide one that would work.
    await expect(
      sdk.chat.completions.create({
        model: 'house-model',
        messages: [{ role: 'user', content: 'hi' }],
      }),
    ).rejects.toMatchObject({ status: 400, code: 'price_not_found' });
  });

  it('answers every /v1/messages error in Anthropic’s shape, authentication included', async () => {
    const badKey = new Anthropic({ apiKey: 'sk-wrong', baseURL: gateway.url, maxRetries: 0 });
    const denied = await badKey.messages
      .create({ model: 'gpt-4o-mini', max_tokens: 16, messages: [{ role: 'user', content: 'x' }] })
      .catch((thrown: unknown) => thrown);
    expect(denied).toBeInstanceOf(Anthropic.AuthenticationError);
    expect((denied as InstanceType<typeof Anthropic.APIError>).error).toMatchObject({
      type: 'error',
      error: { type: 'authentication_error', message: 'Incorrect API key provided' },
    });
    const counted = await badKey.messages
      .countTokens({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }] })
      .catch((thrown: unknown) => thrown);
    expect(counted).toBeInstanceOf(Anthropic.AuthenticationError);

    const shapes = await Promise.all(
      [
        // No key at all.
        fetch(`${gateway.url}/v1/messages`, jsonRequest('POST', {})),
        // A route under /v1/messages that does not exist.
        fetch(
          `${gateway.url}/v1/messages/batches`,
          jsonRequest('GET', undefined, { 'x-api-key': ROOT_API_KEY }),
        ),
        // A body that is not JSON.
        fetch(`${gateway.url}/v1/messages`, {
          method: 'POST',
          headers: { 'x-api-key': ROOT_API_KEY, 'content-type': 'application/json' },
          body: '{not json',
        }),
      ].map(async (pending) => {
        const response = await pending;
        return { status: response.status, body: await response.json() };
      }),
    );
    expect(shapes).toEqual([
      {
        status: 401,
        body: { type: 'error', error: expect.objectContaining({ type: 'authentication_error' }) },
      },
      {
        status: 404,
        body: { type: 'error', error: expect.objectContaining({ type: 'not_found_error' }) },
      },
      {
        status: 400,
        body: { type: 'error', error: expect.objectContaining({ type: 'invalid_request_error' }) },
      },
    ]);
    // OpenAI's paths keep OpenAI's shape.
    const openai = await fetch(`${gateway.url}/v1/chat/completions`, jsonRequest('POST', {}));
    expect(await openai.json()).toMatchObject({ error: { code: 'invalid_api_key' } });
  });
});
