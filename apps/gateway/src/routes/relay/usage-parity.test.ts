import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import type { FixtureServer } from '@oneapi/adapters/testing';
import { startFixtureServer } from '@oneapi/adapters/testing';
import { computeQuota, type ModelPrice } from '@oneapi/ledger';
import OpenAI from 'openai';
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
  answerAsXAI,
  RECORDED_USAGE,
} from './usage-parity-upstreams';

/*
 * Issue 16: usage with cache and reasoning tokens is billed identically streamed and buffered,
 * on every ingress, whatever upstream serves it. Every upstream answers with its recorded wire
 * format, reporting cache reads, cache writes (Anthropic, 5-minute and 1-hour) and reasoning
 * tokens; the log row of each request must carry the recorded counts and its quota the exact
 * price of them.
 */

const INGRESSES = ['chat', 'messages', 'responses', 'gemini'] as const;
const FAMILIES = ['openai', 'anthropic', 'gemini', 'xai'] as const;
type Ingress = (typeof INGRESSES)[number];
type Family = (typeof FAMILIES)[number];

/** Every usage class at its own price, so that a token billed in the wrong class shows. */
const PRICE: ModelPrice = {
  inputPerMillion: 3,
  outputPerMillion: 15,
  cachedInputPerMillion: 0.3,
  cacheWritePerMillion: 3.75,
  cacheWrite1hPerMillion: 6,
};

/** One model name per ingress and upstream, so each pair's log rows are its own. */
const modelOf = (family: Family, ingress: Ingress) => `${family}-via-${ingress}`;

/** `/v1/responses` to an OpenAI channel is the Responses API passthrough; elsewhere chat. */
const expectedUsage = (family: Family, ingress: Ingress) =>
  family === 'openai' && ingress === 'responses'
    ? RECORDED_USAGE.responses
    : RECORDED_USAGE[family];

describe('usage with cache and reasoning tokens, streamed and buffered, on every ingress', () => {
  let gateway: TestGateway;
  const upstreams: FixtureServer[] = [];
  let openai: OpenAI;
  let anthropic: Anthropic;
  let genai: GoogleGenAI;

  beforeAll(async () => {
    gateway = await createTestGateway({ INITIAL_ROOT_ACCESS_TOKEN: 'root-access-token' });
    const base = await gateway.listen();
    const admin = async (method: string, path: string, body: unknown) => {
      const response = await fetch(
        `${base}${path}`,
        jsonRequest(method, body, { authorization: 'Bearer root-access-token' }),
      );
      expect(response.status, await response.clone().text()).toBeLessThan(300);
      return (await response.json()) as { id: number };
    };
    const answers = {
      openai: answerAsOpenAI,
      anthropic: answerAsAnthropic,
      gemini: answerAsGemini,
      xai: answerAsXAI,
    };
    for (const family of FAMILIES) {
      const upstream = await startFixtureServer(answers[family]);
      upstreams.push(upstream);
      const models = INGRESSES.map((ingress) => modelOf(family, ingress));
      await admin('POST', '/api/channels', {
        type: family,
        name: family,
        key: `${family}-upstream-key`,
        baseUrl: family === 'openai' ? `${upstream.url}/v1` : upstream.url,
        allowPrivateNetwork: true,
        models,
      });
      for (const model of models) await admin('PUT', `/api/prices/models/${model}`, PRICE);
    }
    const { id } = await admin('POST', '/api/users', {
      username: 'dev',
      password: 'dev-password',
    });
    await admin('POST', `/api/users/${id}/quota`, {
      amount: 50_000_000,
      idempotencyKey: 'usage-parity-grant',
      reason: 'test',
    });
    const apiKey = await createApiKeyAs(base, { username: 'dev', password: 'dev-password' });
    openai = new OpenAI({ apiKey, baseURL: `${base}/v1`, maxRetries: 0 });
    anthropic = new Anthropic({ apiKey, baseURL: base, maxRetries: 0 });
    genai = new GoogleGenAI({ apiKey, httpOptions: { baseUrl: base, apiVersion: 'v1beta' } });
  });

  afterAll(async () => {
    await gateway?.close();
    for (const upstream of upstreams) await upstream.close();
  });

  /** One request through an ingress, with its official SDK, read to the end. */
  async function ask(ingress: Ingress, model: string, stream: boolean): Promise<void> {
    const question = 'What is the weather in San Francisco?';
    if (ingress === 'chat') {
      const messages = [{ role: 'user' as const, content: question }];
      if (!stream) await openai.chat.completions.create({ model, messages });
      else for await (const _ of await openai.chat.completions.create({ model, messages, stream }));
    } else if (ingress === 'messages') {
      const body = {
        model,
        max_tokens: 1024,
        messages: [{ role: 'user' as const, content: question }],
      };
      if (!stream) await anthropic.messages.create(body);
      else await anthropic.messages.stream(body).finalMessage();
    } else if (ingress === 'responses') {
      if (!stream) await openai.responses.create({ model, input: question });
      else await openai.responses.stream({ model, input: question }).finalResponse();
    } else if (!stream) {
      await genai.models.generateContent({ model, contents: question });
    } else {
      // `:streamGenerateContent?alt=sse`, as the SDK calls it.
      for await (const _ of await genai.models.generateContentStream({
        model,
        contents: question,
      }));
    }
  }

  /** The consume rows of a model, newest first, once the ledger has written `count` of them. */
  async function consumeRows(model: string, count: number) {
    const { logs } = gateway.services.storage.repositories;
    await expect
      .poll(async () => (await logs.list({ type: 'consume', model })).items.length)
      .toBe(count);
    return (await logs.list({ type: 'consume', model })).items;
  }

  const cases = INGRESSES.flatMap((ingress) =>
    FAMILIES.map((family) => [ingress, family] as [Ingress, Family]),
  );

  it.each(cases)('on the %s ingress from %s upstream', async (ingress, family) => {
    const model = modelOf(family, ingress);
    await ask(ingress, model, false);
    await ask(ingress, model, true);
    const [streamed, buffered] = await consumeRows(model, 2);
    const usage = expectedUsage(family, ingress);
    const billed = {
      promptTokens: usage.promptTokens,
      completionTokens: usage.completionTokens,
      cachedTokens: usage.cachedTokens,
      usageEstimated: false,
      quota: computeQuota(PRICE, usage, 1),
    };
    expect(buffered).toMatchObject({ ...billed, isStream: false });
    expect(streamed).toMatchObject({ ...billed, isStream: true });
  });

  // An OpenAI-format client sees what it is billed for: cache writes under OpenRouter's name,
  // their split by lifetime under LiteLLM's (Anthropic's `cache_creation` keys), alike in a
  // buffered answer and in a stream's usage chunk.
  it('shows a chat client the cache writes and their one-hour share, streamed and buffered', async () => {
    const model = modelOf('anthropic', 'chat');
    const messages = [{ role: 'user' as const, content: 'What is the weather in San Francisco?' }];
    const buffered = await openai.chat.completions.create({ model, messages });
    let streamed: unknown;
    const stream = await openai.chat.completions.create({
      model,
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    for await (const chunk of stream) if (chunk.usage) streamed = chunk.usage;
    const { cachedTokens, cacheWriteTokens, cacheWrite1hTokens } = RECORDED_USAGE.anthropic;
    const details = {
      cached_tokens: cachedTokens,
      cache_write_tokens: cacheWriteTokens,
      cache_creation_token_details: {
        ephemeral_5m_input_tokens: cacheWriteTokens - cacheWrite1hTokens,
        ephemeral_1h_input_tokens: cacheWrite1hTokens,
      },
    };
    expect(buffered.usage?.prompt_tokens_details).toEqual(details);
    expect(streamed).toMatchObject({ prompt_tokens_details: details });
  });
});
