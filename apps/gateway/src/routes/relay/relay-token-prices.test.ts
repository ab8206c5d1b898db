import { readFileSync } from 'node:fs';
import { type FixtureServer, startFixtureServer } from '@oneapi/adapters/testing';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestGateway,
  jsonRequest,
  type TestGateway,
} from '../../testing/create-test-gateway';

const fixture = (name: string) =>
  readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const ROOT = { authorization: 'Bearer root-access-token' };
const API_KEY = 'sk-roottoken1234567890';
const MODEL = 'vision-model';

/**
 * The recorded answers with the usage of a prompt holding an image, as OpenAI-style vendors
 * report it (xAI: `prompt_tokens_details.image_tokens`; constructed, the recordings have 0).
 */
function usageWith(promptTokens: number, imageTokens: number, cachedTokens: number) {
  return {
    prompt_tokens: promptTokens,
    completion_tokens: 10,
    total_tokens: promptTokens + 10,
    prompt_tokens_details: { cached_tokens: cachedTokens, image_tokens: imageTokens },
  };
}
function buffered(usage: object): string {
  return JSON.stringify({ ...JSON.parse(fixture('chat-completion-text.json')), usage });
}
function streamed(usage: object): string {
  return fixture('chat-stream-include-usage.sse').replace(
    /"usage":\{[^}]*\}/,
    `"usage":${JSON.stringify(usage)}`,
  );
}

// A price with an image-token price and a long-prompt tier, billed through the relay: the
// same usage streamed and buffered costs the same quota, and the quota is the exact sum.
describe('image-token prices and long-prompt tiers through the relay', () => {
  let gateway: TestGateway;
  let upstream: FixtureServer;
  let usage: object = usageWith(0, 0, 0);
  let sdk: OpenAI;

  beforeAll(async () => {
    upstream = await startFixtureServer((request) =>
      JSON.parse(request.body).stream === true
        ? { headers: { 'content-type': 'text/event-stream' }, body: streamed(usage) }
        : { body: buffered(usage) },
    );
    gateway = await createTestGateway({
      INITIAL_ROOT_ACCESS_TOKEN: 'root-access-token',
      INITIAL_ROOT_TOKEN: API_KEY,
    });
    const base = await gateway.listen();
    const created = await fetch(
      `${base}/api/channels`,
      jsonRequest(
        'POST',
        {
          type: 'openai',
          name: 'vision',
          key: 'sk-vision',
          baseUrl: upstream.url,
          allowPrivateNetwork: true,
          models: [MODEL],
        },
        ROOT,
      ),
    );
    expect(created.status).toBe(201);
    const priced = await fetch(
      `${base}/api/prices/models/${MODEL}`,
      jsonRequest(
        'PUT',
        {
          inputPerMillion: 1,
          outputPerMillion: 4,
          cachedInputPerMillion: 0.5,
          imageInputPerMillion: 3,
          longContext: { aboveInputTokens: 1_000, inputPerMillion: 2, outputPerMillion: 8 },
        },
        ROOT,
      ),
    );
    expect(priced.status).toBe(200);
    const topUp = await fetch(
      `${base}/api/users/1/quota`,
      jsonRequest(
        'POST',
        { amount: 10_000_000, idempotencyKey: 'prices-credit', reason: 't' },
        ROOT,
      ),
    );
    expect(topUp.status).toBe(201);
    sdk = new OpenAI({ apiKey: API_KEY, baseURL: `${base}/v1`, maxRetries: 0 });
  });

  afterAll(async () => {
    await gateway?.close();
    await upstream?.close();
  });

  /** Consume rows written so far: a stream settles after its last event, so wait for it. */
  let settled = 0;
  const lastQuota = async () => {
    const { items } = await gateway.services.storage.repositories.logs.list({
      type: 'consume',
      limit: 1,
    });
    return items[0]!.quota;
  };
  async function billed(stream: boolean): Promise<number> {
    const messages = [{ role: 'user' as const, content: 'describe the picture' }];
    if (stream) {
      const events = await sdk.chat.completions.create({
        model: MODEL,
        messages,
        stream: true,
        stream_options: { include_usage: true },
      });
      for await (const _ of events);
    } else {
      await sdk.chat.completions.create({ model: MODEL, messages });
    }
    for (let i = 0; i < 100; i++) {
      const { items } = await gateway.services.storage.repositories.logs.list({
        type: 'consume',
        limit: 50,
      });
      if (items.length >= settled + 1) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    settled++;
    return lastQuota();
  }

  it('prices image tokens apart, the same streamed and buffered', async () => {
    // 900 prompt = 400 text + 400 image + 100 cached; 10 out:
    // 400 x 1 + 400 x 3 + 100 x 0.5 + 10 x 4 = 1,690 per 1M = $0.00169 = 845 quota.
    usage = usageWith(900, 400, 100);
    expect(await billed(false)).toBe(845);
    expect(await billed(true)).toBe(845);
  });

  it('prices every token at the tier above the threshold, the same streamed and buffered', async () => {
    // 1,001 prompt = 1 text + 1,000 image; the tier leaves the image price at 3:
    // 1 x 2 + 1,000 x 3 + 10 x 8 = 3,082 per 1M = $0.003082 = 1,541 quota.
    usage = usageWith(1_001, 1_000, 0);
    expect(await billed(false)).toBe(1_541);
    expect(await billed(true)).toBe(1_541);
    // At the threshold, the model's own: 1,000 x 3 + 10 x 4 = 3,040 per 1M = 1,520 quota.
    usage = usageWith(1_000, 1_000, 0);
    expect(await billed(false)).toBe(1_520);
    expect(await billed(true)).toBe(1_520);
  });
});
