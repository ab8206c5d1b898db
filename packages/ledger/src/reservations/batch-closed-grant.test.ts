import type { TestStorage } from '@oneapi/storage/testing';
import { describeEachDatabase } from '@oneapi/storage/testing/vitest';
import { expect, it } from 'vitest';
import type { LedgerRepositories, LedgerStore } from '../ports';
import {
  createTestAccount,
  readBalances,
  type TestAccount,
  uniqueId,
} from '../testing/ledger-fixtures';
import { type CloseJob, closeReservations } from './batch-closes';
import { holdQuota } from './batch-holds';

/** A grant's reservation row of `amount`, taken from the account as a grant is; closed: given back. */
async function createGrant(
  storage: TestStorage,
  account: TestAccount,
  { amount, closed }: { amount: number; closed: boolean },
): Promise<string> {
  const grantId = `grant:${uniqueId('grant')}`;
  await storage.repositories.quotaReservations.create({
    requestId: grantId,
    userId: account.userId,
    tokenId: account.tokenId,
    amount,
  });
  if (closed) {
    await storage.repositories.quotaReservations.close(grantId, { state: 'released' });
    return grantId;
  }
  await storage.repositories.users.applyQuotaChange(account.userId, { quota: -amount });
  await storage.repositories.tokens.applyQuotaChange(account.tokenId, { remainQuota: -amount });
  return grantId;
}

/** The settlement of a hold of 100 admitted from `grantId`, charged `charged`. */
function settleFromGrant(
  account: TestAccount,
  grantId: string,
  charged: number,
  { requestId = uniqueId('drawn'), mayHaveCommitted = false } = {},
): CloseJob {
  return {
    kind: 'settle',
    now: Date.now(),
    input: {
      requestId,
      charged,
      model: 'gpt-test',
      channelId: null,
      usage: { promptTokens: 1, completionTokens: 1 },
    },
    draw: {
      grantId,
      held: { userId: account.userId, tokenId: account.tokenId, amount: 100 },
      mayHaveCommitted,
    },
  };
}

/** The batch's closes and holds, as ledger-batcher.ts runs them, in `run`. */
const runBatch = (
  run: LedgerStore['transaction'],
  closes: readonly CloseJob[],
  holds: Parameters<typeof holdQuota>[1] = [],
  pause?: Promise<void>,
) =>
  run(async (repositories: LedgerRepositories) => {
    const closed = await closeReservations(repositories, closes);
    const held = await holdQuota(repositories, holds, Date.now(), closed.accounts);
    await pause;
    return [...closed.outcomes, ...held];
  });

// A draw from a grant that recovery closed (its instance's lease had lapsed) is charged to
// the accounts themselves, in the batch that settles it, before the batch's holds on those
// accounts are weighed; on PostgreSQL also when the batch goes in one trip.
describeEachDatabase('a batch drawing from a grant that recovery closed', (current) => {
  it('charges the account for the draw before it weighs the batch’s hold', async () => {
    const storage = current();
    const account = await createTestAccount(storage, { userQuota: 100, tokenQuota: 1_000 });
    const grantId = await createGrant(storage, account, { amount: 300, closed: true });
    const hold = { requestId: uniqueId('hold'), ...account, amount: 50 };
    const outcomes = await runBatch(
      storage.transaction,
      [settleFromGrant(account, grantId, 80)],
      [hold],
    );
    expect(outcomes[0]).toEqual({
      ok: true,
      value: { outcome: 'settled', charged: 80, refunded: 20 },
    });
    expect(outcomes[1]).toMatchObject({ ok: false, error: { code: 'insufficient_quota' } });
    expect(await readBalances(storage, account)).toMatchObject({
      quota: 20,
      usedQuota: 80,
      remainQuota: 920,
    });
  });
});

describeEachDatabase(
  'a one-trip batch drawing from grants',
  (current) => {
    it('charges a closed grant’s draw to the account once, and an open grant’s to the grant', async () => {
      const storage = current();
      if (!storage.writeInOneTrip) throw new Error('PostgreSQL storage has writeInOneTrip');
      const account = await createTestAccount(storage, { userQuota: 1_000, tokenQuota: 1_000 });
      const open = await createGrant(storage, account, { amount: 300, closed: false });
      const closed = await createGrant(storage, account, { amount: 300, closed: true });
      await runBatch(storage.writeInOneTrip, [
        settleFromGrant(account, open, 40),
        settleFromGrant(account, closed, 70),
      ]);
      // 1,000 - 300 (the open grant) - 70 (the closed grant's draw, from the account).
      expect(await readBalances(storage, account)).toMatchObject({
        quota: 630,
        usedQuota: 110,
        requestCount: 2,
        remainQuota: 630,
        tokenUsedQuota: 110,
      });
      expect(await storage.repositories.quotaReservations.findByRequestId(open)).toMatchObject({
        state: 'open',
        amount: 260,
      });
    });
  },
  ['postgres'],
);

// A first attempt can still be running on the server when its client gives up on it.
// (SQLite runs in the process, and its writers take turns.)
describeEachDatabase(
  'a retried close of a grant’s hold',
  (current) => {
    it('waits for a first attempt still running on the server, then finds its log: charged once', async () => {
      const storage = current();
      const other = await storage.connectAgain();
      try {
        const account = await createTestAccount(storage, { userQuota: 1_000, tokenQuota: 1_000 });
        const grantId = await createGrant(storage, account, { amount: 300, closed: false });
        const requestId = uniqueId('retried');
        // The first attempt has written and holds the grant's row, its commit not yet made
        // (its answer, say, lost to the client); the retry starts meanwhile.
        let commitFirst = () => {};
        const first = runBatch(
          storage.transaction,
          [settleFromGrant(account, grantId, 40, { requestId })],
          [],
          new Promise<void>((resolve) => {
            commitFirst = resolve;
          }),
        );
        await new Promise((resolve) => setTimeout(resolve, 100));
        const retry = runBatch(other.transaction, [
          settleFromGrant(account, grantId, 40, { requestId, mayHaveCommitted: true }),
        ]);
        await new Promise((resolve) => setTimeout(resolve, 200));
        commitFirst();
        expect((await first)[0]).toMatchObject({ ok: true, value: { charged: 40 } });
        expect((await retry)[0]).toMatchObject({ ok: true, value: { charged: 40 } });
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
  ['mysql', 'postgres'],
);
