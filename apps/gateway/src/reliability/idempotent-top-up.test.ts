import { expect, it } from 'vitest';
import { jsonRequest } from '../testing/create-test-gateway';
import {
  createUser,
  describeOnEachDatabase,
  expectOpenAIError,
  listAllLogs,
  reportFigure,
  scaled,
  TEST_TIMEOUT_MS,
} from '../testing/reliability/reliability-kit';

const REPLAYS = scaled(20, 200);
const AMOUNT = 250_000;

// Guarantee: an admin top-up retried with its idempotency key applies once, however many
// copies race on however many instances; the key cannot be reused for another change.
describeOnEachDatabase('idempotent admin top-up', {}, (cluster) => {
  it(
    `applies ${REPLAYS} concurrent top-ups with one idempotency key once, with the same answer`,
    async () => {
      const { instances, storage } = cluster();
      const userId = await createUser(cluster(), 'topped-up');
      const before = (await storage.repositories.users.findById(userId))!.quota;
      const topUp = (index: number, amount: number) =>
        fetch(
          `${instances.urlFor(index)}/api/users/${userId}/quota`,
          jsonRequest(
            'POST',
            {
              amount,
              idempotencyKey: 'reliability-top-up-1',
              reason: 'retried by a nervous script',
            },
            instances.root,
          ),
        ).then(async (response) => ({
          status: response.status,
          body: (await response.json()) as {
            applied: boolean;
            adjustmentId: number;
            quota: number;
          },
        }));

      const started = performance.now();
      const replies = await Promise.all(
        Array.from({ length: REPLAYS }, (_, index) => topUp(index, AMOUNT)),
      );
      const elapsedMs = Math.round(performance.now() - started);

      // One applied it (201); the others were told it already was (200). Beyond that flag,
      // every answer says the same: the same adjustment, the same resulting balance.
      expect(replies.filter((reply) => reply.status === 201)).toHaveLength(1);
      expect(replies.filter((reply) => reply.status === 200)).toHaveLength(REPLAYS - 1);
      for (const reply of replies) {
        expect(reply.body.applied).toBe(reply.status === 201);
        expect({ ...reply.body, applied: undefined }).toEqual({
          ...replies[0]!.body,
          applied: undefined,
        });
      }
      expect(replies[0]!.body.quota).toBe(before + AMOUNT);
      expect((await storage.repositories.users.findById(userId))!.quota).toBe(before + AMOUNT);
      const logged = await listAllLogs(storage, { userId, type: 'topup' });
      expect(logged.map((log) => log.quota)).toEqual([AMOUNT]);

      const reused = await topUp(0, AMOUNT + 1);
      expect(reused.status).toBe(409);
      expectOpenAIError(reused.body, 'idempotency_conflict');
      expect((await storage.repositories.users.findById(userId))!.quota).toBe(before + AMOUNT);
      reportFigure(
        `idempotent top-up [${storage.dialect}]: ${REPLAYS} concurrent copies, 1 applied, ` +
          `${REPLAYS - 1} replays answered 200, reuse with another amount 409, ${elapsedMs} ms`,
      );
    },
    TEST_TIMEOUT_MS,
  );
});
