import { boundPromptTokens, parseChatRequest } from '@oneapi/adapters';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApiKeyAs, jsonRequest } from '../testing/create-test-gateway';
import {
  type FaultUpstream,
  type ScriptedRequest,
  startFaultUpstream,
} from '../testing/reliability/fault-upstream';
import {
  createChannel,
  createUser,
  describeOnEachDatabase,
  expectOpenAIError,
  HARNESS_LIFETIME_MS,
  listAllLogs,
  reportFigure,
  setQuota,
  TEST_TIMEOUT_MS,
  USER_PASSWORD,
} from '../testing/reliability/reliability-kit';

const MODEL = 'gpt-4o';
const REQUESTS = 100;
const COVERED = 50;
/** The model would write this much if nothing stopped it: more than the default cap. */
const WANTS_TO_WRITE = 5_000;
// No max_tokens: the caller leaves the length to the model, as most clients do.
const CHAT = { model: MODEL, messages: [{ role: 'user', content: 'Write a long story.' }] };

/**
 * An honest provider at its dearest: it bills as many prompt tokens as the messages could
 * hold (their UTF-8 bytes and framing: a token is at least one byte), and writes until the
 * cap it was sent, or WANTS_TO_WRITE tokens when it was sent none.
 */
/** The most an honest provider can bill for the prompt: the gateway's byte bound of it. */
const PROMPT_BOUND = await boundPromptTokens(parseChatRequest(CHAT));

function billedUsage(request: ScriptedRequest) {
  const body = request.body as { max_completion_tokens?: number; max_tokens?: number };
  const cap = body.max_completion_tokens ?? body.max_tokens ?? Number.POSITIVE_INFINITY;
  return {
    promptTokens: PROMPT_BOUND,
    completionTokens: Math.min(cap, WANTS_TO_WRITE),
  };
}

// Issue 15: 100 concurrent requests on a key whose quota covered 50 were charged beyond the
// key's quota, each settlement taking its excess over the hold. Guarantee: with an honest
// provider the total charged stays within the key's quota plus one request's hold, at any
// concurrency, over two instances, on every dialect.
describeOnEachDatabase(
  'overdraw under concurrency',
  { env: { TOKEN_CONCURRENCY_LIMIT: '0' } },
  (cluster) => {
    let upstream: FaultUpstream;

    beforeAll(async () => {
      upstream = await startFaultUpstream(
        (request) => ({ kind: 'answer', latencyMs: 30, usage: billedUsage(request) }),
        { lifetimeMs: HARNESS_LIFETIME_MS },
      );
    });
    afterAll(() => upstream?.close());

    it(
      `charges ${REQUESTS} concurrent requests at most the key's quota (${COVERED} holds) plus one hold`,
      async () => {
        const { instances, storage } = cluster();
        await createChannel(cluster(), upstream, [MODEL]);
        const userId = await createUser(cluster(), 'overdrawer');
        await setQuota(cluster(), userId, 1_000_000_000);
        const credentials = { username: 'overdrawer', password: USER_PASSWORD };
        // One request on an unlimited key of the same user: the hold the relay makes for CHAT
        // (its prompt bound and default cap), read back rather than recomputed.
        const probeKey = await createApiKeyAs(instances.urls[0]!, credentials, {
          name: 'probe',
          unlimitedQuota: true,
        });
        const probe = await fetch(
          `${instances.urls[0]}/v1/chat/completions`,
          jsonRequest('POST', CHAT, { authorization: `Bearer ${probeKey}` }),
        );
        expect(probe.status).toBe(200);
        await probe.json();
        const probed = await storage.db
          .selectFrom('quotaReservations')
          .select('amount')
          .where('userId', '=', userId)
          .execute();
        expect(probed).toHaveLength(1);
        const hold = probed[0]!.amount;
        const keyQuota = COVERED * hold;
        const apiKey = await createApiKeyAs(instances.urls[0]!, credentials, {
          name: 'covers-fifty',
          remainQuota: keyQuota,
          unlimitedQuota: false,
        });
        const key = (await storage.repositories.tokens.list({ userId })).items.find(
          (token) => token.name === 'covers-fifty',
        )!;

        const replies = await Promise.all(
          Array.from({ length: REQUESTS }, async (_, index) => {
            const stream = index % 2 === 1;
            const response = await fetch(
              `${instances.urlFor(index)}/v1/chat/completions`,
              jsonRequest(
                'POST',
                { ...CHAT, ...(stream && { stream, stream_options: { include_usage: true } }) },
                { authorization: `Bearer ${apiKey}` },
              ),
            );
            return { status: response.status, body: stream ? undefined : await response.json() };
          }),
        );
        const admitted = replies.filter((reply) => reply.status === 200);
        const refused = replies.filter((reply) => reply.status !== 200);
        expect(new Set(refused.map((reply) => reply.status))).toEqual(
          new Set(refused.length > 0 ? [403] : []),
        );
        for (const reply of refused)
          if (reply.body) expectOpenAIError(reply.body, 'insufficient_quota');

        // Streams settle just after their last byte: wait until nothing is held.
        const deadline = Date.now() + 10_000;
        while ((await storage.repositories.quotaReservations.sumOpen(userId)) > 0) {
          if (Date.now() > deadline) throw new Error('reservations still open');
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        const consumed = (await listAllLogs(storage, { userId, type: 'consume' })).filter(
          (log) => log.tokenId === key.id,
        );
        const charged = consumed.reduce((sum, log) => sum + log.quota, 0);
        const after = (await storage.repositories.tokens.findById(key.id))!;
        expect(consumed).toHaveLength(admitted.length);
        expect(after.usedQuota).toBe(charged);
        expect(after.remainQuota).toBe(keyQuota - charged);
        // Every hold on the key is the probe's: the key's quota covers exactly COVERED.
        const held = await storage.db
          .selectFrom('quotaReservations')
          .select('amount')
          .distinct()
          .where('tokenId', '=', key.id)
          .execute();
        expect(held.map((row) => row.amount)).toEqual([hold]);
        reportFigure(
          `overdraw under concurrency [${storage.dialect}]: ${REQUESTS} requests (half streamed) on a key ` +
            `covering ${COVERED} holds of ${hold}: ${admitted.length} admitted, ${refused.length} refused 403, ` +
            `charged ${charged} of ${keyQuota}, overdraw ${Math.max(0, -after.remainQuota)}`,
        );
        // The bound of the issue: within the key's quota plus one request's hold; with holds
        // that are upper bounds, within the quota itself.
        expect(charged).toBeLessThanOrEqual(keyQuota + hold);
        expect(after.remainQuota).toBeGreaterThanOrEqual(0);
        // How: every request that reached the upstream was told the cap its hold is priced on.
        for (const request of upstream.requests) {
          expect(request.body).toMatchObject({ max_completion_tokens: 4096 });
        }
      },
      TEST_TIMEOUT_MS,
    );
  },
);
