import { expect, it } from 'vitest';
import { signIn } from '../testing/admin/admin-test-kit';
import { jsonRequest } from '../testing/create-test-gateway';
import {
  createUser,
  describeOnEachDatabase,
  expectOpenAIError,
  listAllLogs,
  reportFigure,
  scaled,
  TEST_TIMEOUT_MS,
  USER_PASSWORD,
} from '../testing/reliability/reliability-kit';

const USERS = 10;
const ATTEMPTS = scaled(50, 500);
const CODE_QUOTA = 12_345;

// Guarantee: a recharge code credits once, whoever races for it on whichever instance.
describeOnEachDatabase('redemption race', {}, (cluster) => {
  it(
    `credits one of ${ATTEMPTS} concurrent redemptions of one code by ${USERS} users over two instances`,
    async () => {
      const { instances, storage } = cluster();
      const batch = await fetch(
        `${instances.urls[0]}/api/redemption-codes`,
        jsonRequest('POST', { name: 'race', quota: CODE_QUOTA, count: 1 }, instances.root),
      );
      expect(batch.status).toBe(201);
      const [code] = ((await batch.json()) as { codes: string[] }).codes;

      const people = await Promise.all(
        Array.from({ length: USERS }, async (_, index) => {
          const username = `racer-${index}`;
          const id = await createUser(cluster(), username);
          // Each person signs in on one instance; the session works on the other too.
          return { id, session: await signIn(instances.urlFor(index), username, USER_PASSWORD) };
        }),
      );
      const quotaOf = async (id: number) => (await storage.repositories.users.findById(id))!.quota;
      const before = await Promise.all(people.map((person) => quotaOf(person.id)));

      const started = performance.now();
      const replies = await Promise.all(
        Array.from({ length: ATTEMPTS }, async (_, index) => {
          const person = people[index % USERS]!;
          // Each person's successive attempts alternate between the instances.
          const response = await fetch(
            `${instances.urlFor(index + Math.floor(index / USERS))}/api/user/self/redeem`,
            jsonRequest('POST', { code }, person.session),
          );
          return { person, status: response.status, body: (await response.json()) as unknown };
        }),
      );
      const elapsedMs = Math.round(performance.now() - started);

      const successes = replies.filter((reply) => reply.status === 200);
      expect(successes).toHaveLength(1);
      const winner = successes[0]!.person;
      expect(successes[0]!.body).toEqual({
        credited: CODE_QUOTA,
        quota: before[people.indexOf(winner)]! + CODE_QUOTA,
      });
      const failures = replies.filter((reply) => reply.status !== 200);
      // The losers learn the code is spent (or, after five misses, that they should slow down).
      for (const reply of failures) {
        expect([400, 429]).toContain(reply.status);
        expectOpenAIError(
          reply.body,
          reply.status === 400 ? 'code_not_redeemable' : 'too_many_requests',
        );
      }

      const after = await Promise.all(people.map((person) => quotaOf(person.id)));
      const credited = after.reduce((sum, quota, index) => sum + quota - before[index]!, 0);
      expect(credited).toBe(CODE_QUOTA);
      expect(after[people.indexOf(winner)]).toBe(before[people.indexOf(winner)]! + CODE_QUOTA);
      const topUps = (
        await Promise.all(
          people.map((person) => listAllLogs(storage, { userId: person.id, type: 'topup' })),
        )
      ).flat();
      expect(topUps.map((log) => log.quota)).toEqual([CODE_QUOTA]);
      const statuses: Record<number, number> = {};
      for (const reply of failures) statuses[reply.status] = (statuses[reply.status] ?? 0) + 1;
      reportFigure(
        `redemption race [${storage.dialect}]: ${ATTEMPTS} attempts by ${USERS} users, 1 credit, ` +
          `refusals ${JSON.stringify(statuses)}, ${elapsedMs} ms`,
      );
    },
    TEST_TIMEOUT_MS,
  );
});
