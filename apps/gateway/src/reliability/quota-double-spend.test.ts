import { boundPromptTokens, parseChatRequest } from '@oneapi/adapters';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApiKeyAs, jsonRequest } from '../testing/create-test-gateway';
import { type FaultUpstream, startFaultUpstream } from '../testing/reliability/fault-upstream';
import {
  createChannel,
  createUser,
  describeOnEachDatabase,
  expectOpenAIError,
  HARNESS_LIFETIME_MS,
  listAllLogs,
  reportFigure,
  scaled,
  setQuota,
  TEST_TIMEOUT_MS,
  USER_PASSWORD,
} from '../testing/reliability/reliability-kit';

const MODEL = 'gpt-4o-mini';
const MAX_TOKENS = 64;
const ADMITTED = 10;
const REQUESTS = scaled(200, 2000);
const CHAT = {
  model: MODEL,
  messages: [{ role: 'user', content: 'Count to three.' }],
  max_tokens: MAX_TOKENS,
};
// What the gateway holds for CHAT's prompt (an upper bound: its bytes plus framing): the upstream reports exactly this and
// max_tokens of output, so each request costs exactly what it reserved. Nothing is refunded,
// and a balance of 10 reservations can never pay for an 11th, however requests interleave.
const PROMPT_TOKENS = await boundPromptTokens(parseChatRequest(CHAT));

// Guarantee: concurrent requests never spend more than the balance, on any instance or
// dialect, and every quota unit is accounted for afterwards.
describeOnEachDatabase(
  'quota double spend',
  // The per-key in-flight cap would refuse most of the burst before the ledger sees it.
  { env: { TOKEN_CONCURRENCY_LIMIT: '0' } },
  (cluster) => {
    let upstream: FaultUpstream;

    beforeAll(async () => {
      upstream = await startFaultUpstream(
        () => ({
          kind: 'answer',
          usage: { promptTokens: PROMPT_TOKENS, completionTokens: MAX_TOKENS },
        }),
        { lifetimeMs: HARNESS_LIFETIME_MS },
      );
    });
    afterAll(() => upstream?.close());

    it(
      `admits at most ${ADMITTED} of ${REQUESTS} concurrent requests over two instances, and the books balance`,
      async () => {
        const { instances, storage } = cluster();
        await createChannel(cluster(), upstream, [MODEL]);
        const userId = await createUser(cluster(), 'spender');
        const { groupName } = (await storage.repositories.users.findById(userId))!;
        const perRequest = instances.gateways[0]!.services.ledger.estimate({
          model: MODEL,
          group: groupName,
          promptTokens: PROMPT_TOKENS,
          maxTokens: MAX_TOKENS,
        });
        expect(perRequest).toBeGreaterThan(0);
        await setQuota(cluster(), userId, ADMITTED * perRequest);
        const apiKey = await createApiKeyAs(instances.urls[0]!, {
          username: 'spender',
          password: USER_PASSWORD,
        });

        const started = performance.now();
        const replies = await Promise.all(
          Array.from({ length: REQUESTS }, async (_, index) => {
            const response = await fetch(
              `${instances.urlFor(index)}/v1/chat/completions`,
              jsonRequest('POST', CHAT, { authorization: `Bearer ${apiKey}` }),
            );
            return { status: response.status, body: (await response.json()) as unknown };
          }),
        );
        const elapsedMs = Math.round(performance.now() - started);

        const admitted = replies.filter((reply) => reply.status === 200);
        const refused = replies.filter((reply) => reply.status !== 200);
        expect(admitted.length).toBeLessThanOrEqual(ADMITTED);
        // Charges equal reservations, so the balance runs out after exactly ten.
        expect(admitted).toHaveLength(ADMITTED);
        expect(new Set(refused.map((reply) => reply.status))).toEqual(new Set([403]));
        for (const reply of refused) expectOpenAIError(reply.body, 'insufficient_quota');
        expect(refused[0]!.body).toMatchObject({ error: { type: 'insufficient_quota' } });
        // Refused requests never reach the upstream.
        expect(upstream.requests).toHaveLength(ADMITTED);

        // The books: what the user had = what is left + what the logs charged, nothing held.
        const final = (await storage.repositories.users.findById(userId))!;
        const consumed = await listAllLogs(storage, { userId, type: 'consume' });
        const charged = consumed.reduce((sum, log) => sum + log.quota, 0);
        expect(consumed).toHaveLength(ADMITTED);
        expect(ADMITTED * perRequest).toBe(final.quota + charged);
        expect(final.quota).toBe(0);
        expect(final.usedQuota).toBe(charged);
        expect(await storage.repositories.quotaReservations.sumOpen(userId)).toBe(0);
        reportFigure(
          `quota double spend [${storage.dialect}]: ${REQUESTS} requests, ${admitted.length} admitted, ` +
            `${refused.length} refused 403, ${perRequest} quota each, books exact, ${elapsedMs} ms`,
        );
      },
      TEST_TIMEOUT_MS,
    );
  },
);
