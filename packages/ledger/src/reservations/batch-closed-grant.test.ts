import { listTestDatabases, type TestDatabase, type TestStorage } from '@oneapi/storage/testing';
import { describeEachDatabase } from '@oneapi/storage/testing/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerRepositories } from '../ports';
import { createTestAccount, readBalances, uniqueId } from '../testing/ledger-fixtures';
import { type CloseJob, closeReservations } from './batch-closes';
import { holdQuota } from './batch-holds';

// A draw from a grant that recovery closed (its instance's lease had lapsed) is charged to
// the accounts themselves, in the batch that settles it, before the batch's holds on those
// accounts are weighed; on PostgreSQL also when the batch goes in one trip.
describeEachDatabase('a batch drawing from a grant that recovery closed', (current) => {
  it('charges the account for the draw before it weighs the batch’s hold', async () => {
    const storage = current();
    const account = await createTestAccount(storage, { userQuota: 100, tokenQuota: 1_000 });
    const grantId = `grant:${uniqueId('closed-grant-1')}`;
    await storage.repositories.quotaReservations.create({
      requestId: grantId,
      userId: account.userId,
      tokenId: account.tokenId,
      amount: 300,
    });
    await storage.repositories.quotaReservations.close(grantId, { state: 'released' });
    const settle: CloseJob = {
      kind: 'settle',
      now: Date.now(),
      input: {
        requestId: uniqueId('closed-grant-2'),
        charged: 80,
        model: 'gpt-test',
        channelId: null,
        usage: { promptTokens: 10, completionTokens: 20 },
      },
      draw: {
        grantId,
        held: { userId: account.userId, tokenId: account.tokenId, amount: 90 },
        mayHaveCommitted: false,
      },
    };
    const hold = {
      requestId: uniqueId('closed-grant-3'),
      userId: account.userId,
      tokenId: account.tokenId,
      amount: 50,
    };
    const outcomes = await storage.transaction(async (repositories: LedgerRepositories) => {
      const closed = await closeReservations(repositories, [settle]);
      const held = await holdQuota(repositories, [hold], settle.now, closed.accounts);
      return [...closed.outcomes, ...held];
    });
    expect(outcomes[0]).toEqual({
      ok: true,
      value: { outcome: 'settled', charged: 80, refunded: 10 },
    });
    expect(outcomes[1]).toMatchObject({ ok: false, error: { code: 'insufficient_quota' } });
    expect(await readBalances(storage, account)).toMatchObject({
      quota: 20,
      usedQuota: 80,
      remainQuota: 920,
    });
  });
});

// PostgreSQL alone has the one-trip path (storage's writeInOneTrip).
const postgres = listTestDatabases().find((database) => database.dialect === 'postgres');
describe.skipIf(postgres?.skipReason !== undefined)(
  `a one-trip batch drawing from a closed grant [postgres]${postgres?.skipReason ? ` (skipped: ${postgres.skipReason})` : ''}`,
  () => {
    let storage: TestStorage;
    beforeAll(async () => {
      storage = await (postgres as TestDatabase).create();
      await storage.migrate();
    });
    afterAll(() => storage?.dispose());

    it('charges a closed grant’s draw once in one trip, and nothing for an open one', async () => {
      const writeInOneTrip = storage.writeInOneTrip;
      if (!writeInOneTrip) throw new Error('PostgreSQL storage has writeInOneTrip');
      const account = await createTestAccount(storage, { userQuota: 1_000, tokenQuota: 1_000 });
      const grants = {
        open: `grant:${uniqueId('closed-grant-4')}`,
        closed: `grant:${uniqueId('closed-grant-5')}`,
      };
      for (const grantId of Object.values(grants)) {
        await storage.repositories.quotaReservations.create({
          requestId: grantId,
          userId: account.userId,
          tokenId: account.tokenId,
          amount: 300,
        });
        await storage.repositories.users.applyQuotaChange(account.userId, { quota: -300 });
        await storage.repositories.tokens.applyQuotaChange(account.tokenId, { remainQuota: -300 });
      }
      await storage.repositories.quotaReservations.close(grants.closed, { state: 'released' });
      await storage.repositories.users.applyQuotaChange(account.userId, { quota: 300 });
      await storage.repositories.tokens.applyQuotaChange(account.tokenId, { remainQuota: 300 });
      const settleFrom = (grantId: string, charged: number): CloseJob => ({
        kind: 'settle',
        now: Date.now(),
        input: {
          requestId: uniqueId('closed-grant-6'),
          charged,
          model: 'gpt-test',
          channelId: null,
          usage: { promptTokens: 1, completionTokens: 1 },
        },
        draw: {
          grantId,
          held: { userId: account.userId, tokenId: account.tokenId, amount: 100 },
          mayHaveCommitted: false,
        },
      });
      await writeInOneTrip(async (repositories) => {
        const closed = await closeReservations(repositories, [
          settleFrom(grants.open, 40),
          settleFrom(grants.closed, 70),
        ]);
        await holdQuota(repositories, [], Date.now(), closed.accounts);
      });
      // 1,000 - 300 (the open grant) - 70 (the closed grant's draw, from the account).
      expect(await readBalances(storage, account)).toMatchObject({
        quota: 630,
        usedQuota: 110,
        requestCount: 2,
        remainQuota: 630,
        tokenUsedQuota: 110,
      });
      const open = await storage.repositories.quotaReservations.findByRequestId(grants.open);
      expect(open).toMatchObject({ state: 'open', amount: 260 });
    });
  },
);

// MySQL and PostgreSQL: a first attempt can still be running on the server when its
// client gives up on it. (SQLite runs in the process; its writers take turns.)
for (const database of listTestDatabases().filter(({ dialect }) => dialect !== 'sqlite')) {
  describe.skipIf(database.skipReason !== undefined)(
    `a retried close of a grant’s hold [${database.dialect}]${database.skipReason ? ` (skipped: ${database.skipReason})` : ''}`,
    () => {
      let storage: TestStorage;
      beforeAll(async () => {
        storage = await database.create();
        await storage.migrate();
      });
      afterAll(() => storage?.dispose());

      it('waits for a first attempt still running on the server, then finds its log: charged once', async () => {
        const other = await storage.connectAgain();
        try {
          const account = await createTestAccount(storage, { userQuota: 1_000, tokenQuota: 1_000 });
          const grantId = `grant:${uniqueId('retried-grant')}`;
          await storage.repositories.quotaReservations.create({
            requestId: grantId,
            userId: account.userId,
            tokenId: account.tokenId,
            amount: 300,
          });
          await storage.repositories.users.applyQuotaChange(account.userId, { quota: -300 });
          await storage.repositories.tokens.applyQuotaChange(account.tokenId, {
            remainQuota: -300,
          });
          const settle = (mayHaveCommitted: boolean): CloseJob => ({
            kind: 'settle',
            now: Date.now(),
            input: {
              requestId: 'retried-close-of-a-grant-hold',
              charged: 40,
              model: 'gpt-test',
              channelId: null,
              usage: { promptTokens: 1, completionTokens: 1 },
            },
            draw: {
              grantId,
              held: { userId: account.userId, tokenId: account.tokenId, amount: 100 },
              mayHaveCommitted,
            },
          });
          const closeIn = (
            transaction: typeof storage.transaction,
            job: CloseJob,
            pause?: Promise<void>,
          ) =>
            transaction(async (repositories: LedgerRepositories) => {
              const closed = await closeReservations(repositories, [job]);
              await holdQuota(repositories, [], job.now, closed.accounts);
              await pause;
              return closed.outcomes[0];
            });
          // The first attempt has written and holds the grant's row, its commit not yet made
          // (its answer, say, lost to the client); the retry starts meanwhile.
          let commitFirst = () => {};
          const first = closeIn(
            storage.transaction,
            settle(false),
            new Promise<void>((resolve) => {
              commitFirst = resolve;
            }),
          );
          await new Promise((resolve) => setTimeout(resolve, 100));
          const retry = closeIn(other.transaction, settle(true));
          await new Promise((resolve) => setTimeout(resolve, 200));
          commitFirst();
          expect(await first).toMatchObject({ ok: true, value: { charged: 40 } });
          expect(await retry).toMatchObject({ ok: true, value: { charged: 40 } });
          const grant = await storage.repositories.quotaReservations.findByRequestId(grantId);
          expect(grant?.amount).toBe(260);
          expect(await readBalances(storage, account)).toMatchObject({
            usedQuota: 40,
            requestCount: 1,
          });
        } finally {
          await other.close();
        }
      });
    },
  );
}
