import type { TestStorage } from '@oneapi/storage/testing';
import { describeEachDatabase } from '@oneapi/storage/testing/vitest';
import { expect, it } from 'vitest';
import { createLedger, type Ledger, type LedgerOptions } from '../create-ledger';
import type { LedgerStore } from '../ports';
import {
  createTestAccount,
  createTestChannel,
  createTestPrices,
  logTotals,
  readBalances,
  type TestAccount,
  testHold,
  uniqueId,
} from '../testing/ledger-fixtures';

const AMOUNT = 10 + 100 * 2; // promptTokens 10, maxTokens 100 on the test model
const GRANTS = { aboveHoldsPerSecond: 5, seconds: 2, lifetimeMs: 60_000 };

/**
 * The real store, counting transactions and one-trip writes (both commit). `failing` makes
 * one roll back after its work; `answerLost` lets it commit and then throws, as when the
 * COMMIT's answer is lost.
 */
function observedStore(
  storage: TestStorage,
  faults: { failing?: () => boolean; answerLost?: () => boolean } = {},
) {
  const counts = { transactions: 0 };
  const observed =
    (run: LedgerStore['transaction']): LedgerStore['transaction'] =>
    async (work) => {
      counts.transactions += 1;
      if (faults.answerLost?.()) {
        await run(work);
        throw new Error('the connection dropped before the answer to COMMIT');
      }
      if (!faults.failing?.()) return run(work);
      return run(async (repositories) => {
        await work(repositories);
        throw new Error('the commit failed');
      });
    };
  const store: LedgerStore = {
    isDuplicateKey: (error) => storage.isDuplicateKey(error),
    transaction: observed(storage.transaction),
    ...(storage.writeInOneTrip && { writeInOneTrip: observed(storage.writeInOneTrip) }),
  };
  return { store, counts };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Holds and settles one request at a time until the account is hot and its grant taken,
 * then returns a hold that came from the grant (no transaction of its own).
 */
async function holdFromGrant(
  ledger: Ledger,
  counts: { transactions: number },
  account: TestAccount,
  channelId: number,
) {
  for (let attempt = 0; attempt < 200; attempt++) {
    const before = counts.transactions;
    const reservation = await ledger.reserve(testHold(account, 'warm'));
    if (counts.transactions === before) return reservation;
    await ledger.settle(reservation, {
      channelId,
      usage: { promptTokens: 10, completionTokens: 5 },
    });
    await nextTurn();
  }
  throw new Error('no grant was taken');
}

/** Once the grants went back: balances and counters are what the consume logs say. */
async function expectBooksBalance(
  storage: TestStorage,
  account: TestAccount,
  tokenQuota = 100_000,
) {
  const logs = await logTotals(storage, 'userId', account.userId);
  expect(await readBalances(storage, account)).toEqual({
    quota: 100_000 - logs.quota,
    usedQuota: logs.quota,
    requestCount: logs.count,
    remainQuota: tokenQuota - logs.quota,
    tokenUsedQuota: logs.quota,
  });
  expect(await storage.repositories.quotaReservations.sumOpen(account.userId)).toBe(0);
}

describeEachDatabase('quota grants', (current) => {
  const start = (store: LedgerStore, options: Partial<LedgerOptions> = {}) =>
    createLedger({ store, prices: createTestPrices(), grants: GRANTS, ...options });

  /** A ledger whose new test account is hot, with the account's first hold from a grant. */
  const startHot = async (
    options: {
      tokenQuota?: number;
      failing?: () => boolean;
      answerLost?: () => boolean;
      instanceId?: () => string;
    } = {},
  ) => {
    const storage = current();
    const { store, counts } = observedStore(storage, options);
    const ledger = start(store, options.instanceId ? { instanceId: options.instanceId } : {});
    const account = await createTestAccount(storage, {
      userQuota: 100_000,
      tokenQuota: options.tokenQuota ?? 100_000,
    });
    const channelId = await createTestChannel(storage);
    const held = await holdFromGrant(ledger, counts, account, channelId);
    return { storage, counts, ledger, account, channelId, held };
  };

  it("admits a hot account's holds from its grant without a statement, and gives back exactly what is left", async () => {
    const hot = await startHot({ tokenQuota: 80_000 });
    const { storage, counts, ledger, account, channelId, held: first } = hot;
    const before = counts.transactions;
    const held = [first];
    for (let index = 0; index < 9; index++) {
      held.push(await ledger.reserve(testHold(account, `granted-${index}`)));
    }
    expect(counts.transactions).toBe(before);
    const statementsBefore = storage.statementCount();
    // Over-reported usage (completion 150 > the 100 held) is charged in full.
    const results = await Promise.all(
      held.map((reservation, index) =>
        ledger.settle(reservation, {
          channelId,
          usage: { promptTokens: 10, completionTokens: index === 0 ? 150 : index },
        }),
      ),
    );
    expect(results[0]).toEqual({ outcome: 'settled', charged: 310, refunded: AMOUNT - 310 });
    expect(results[3]).toEqual({ outcome: 'settled', charged: 16, refunded: AMOUNT - 16 });
    // The ten settlements are one batch that only writes: on PostgreSQL one round trip (one
    // script), elsewhere a transaction (BEGIN, the draw, the log rows, ..., COMMIT).
    const statements = storage.statementCount() - statementsBefore;
    if (storage.dialect === 'postgres') expect(statements).toBe(1);
    else expect(statements).toBeGreaterThan(5);
    // A second settlement of a granted hold changes nothing.
    expect(
      await ledger.settle(first, { channelId, usage: { promptTokens: 10, completionTokens: 1 } }),
    ).toEqual({ outcome: 'already_closed', state: 'settled' });

    await ledger.close();
    await expectBooksBalance(storage, account, 80_000);
    const channel = await storage.repositories.channels.findById(channelId);
    expect(channel?.usedQuota).toBe((await logTotals(storage, 'channelId', channelId)).quota);
  });

  it('takes no grant near exhaustion: every hold is then checked against the balance', async () => {
    const storage = current();
    const { store, counts } = observedStore(storage);
    const ledger = start(store);
    const account = await createTestAccount(storage, {
      // The grant a hot account would take (two seconds of its holds, some 10 holds) fits
      // this balance once but not four times: no grant.
      userQuota: 16 * AMOUNT,
      tokenQuota: 100_000,
    });
    let admitted = 0;
    for (let index = 0; index < 20; index++) {
      const before = counts.transactions;
      try {
        await ledger.reserve(testHold(account, `near-${index}`));
        admitted += 1;
      } catch (error) {
        expect(error).toMatchObject({ code: 'insufficient_quota' });
      }
      // Each hold went to the database (a grant try is a transaction of its own, too).
      expect(counts.transactions).toBeGreaterThan(before);
      await nextTurn();
    }
    expect(admitted).toBe(16);
    await ledger.close();
    expect((await readBalances(storage, account)).quota).toBe(0);
  });

  it('charges the account itself for a hold whose grant recovery gave back, and nothing twice', async () => {
    const storage = current();
    const deadId = uniqueId('instance');
    // A lease that lapsed the moment it was written: this instance is taken for dead.
    await storage.repositories.instanceLeases.register({ id: deadId, host: 'test', pid: 1 }, -1);
    let leaseId = deadId;
    const hot = await startHot({ instanceId: () => leaseId });
    const { ledger: stalled, counts, account, channelId, held } = hot;

    const survivor = createLedger({ store: storage, prices: createTestPrices() });
    const report = await survivor.recover();
    expect(report.released).toBeGreaterThanOrEqual(1);
    expect(await storage.repositories.quotaReservations.sumOpen(account.userId)).toBe(0);

    const result = await stalled.settle(held, {
      channelId,
      usage: { promptTokens: 10, completionTokens: 20 },
    });
    expect(result).toEqual({ outcome: 'settled', charged: 50, refunded: AMOUNT - 50 });
    expect(
      await stalled.settle(held, { channelId, usage: { promptTokens: 10, completionTokens: 20 } }),
    ).toEqual({ outcome: 'already_closed', state: 'settled' });
    // The instance carries on under a new lease: nothing more is admitted from the old grant.
    leaseId = uniqueId('instance');
    await storage.repositories.instanceLeases.register(
      { id: leaseId, host: 'test', pid: 1 },
      60_000,
    );
    const before = counts.transactions;
    const late = await stalled.reserve(testHold(account, 'after-recovery'));
    expect(counts.transactions).toBeGreaterThan(before);
    await stalled.release(late);
    await stalled.close();
    await expectBooksBalance(storage, account);
  });

  it('keeps a hold whose close failed open, and settles it once later', async () => {
    let failing = false;
    const { storage, ledger, account, channelId, held } = await startHot({
      failing: () => failing,
    });
    const usage = { channelId, usage: { promptTokens: 10, completionTokens: 30 } };

    failing = true;
    await expect(ledger.settle(held, usage)).rejects.toThrow('the commit failed');
    failing = false;
    expect(await ledger.settle(held, usage)).toEqual({
      outcome: 'settled',
      charged: 70,
      refunded: AMOUNT - 70,
    });
    expect(await ledger.release(held)).toEqual({ outcome: 'already_closed', state: 'settled' });
    await expect(
      ledger.reserve({ ...testHold(account, 'x'), requestId: held.requestId }),
    ).rejects.toMatchObject({ code: 'duplicate_request' });

    await ledger.close();
    await expectBooksBalance(storage, account);
  });

  it('gives a released hold back to the grant, and the grant back to the account at close', async () => {
    const { storage, ledger, account, channelId, held } = await startHot();
    expect(await ledger.release(held, { channelId })).toEqual({
      outcome: 'released',
      refunded: AMOUNT,
    });
    await ledger.close();
    await expectBooksBalance(storage, account);
  });

  it('gives a grant back on its own a second after its account cools', async () => {
    const { storage, ledger, account, channelId, held } = await startHot();
    await ledger.settle(held, { channelId, usage: { promptTokens: 10, completionTokens: 1 } });
    expect(await storage.repositories.quotaReservations.sumOpen(account.userId)).toBeGreaterThan(0);
    await expect
      .poll(() => storage.repositories.quotaReservations.sumOpen(account.userId), {
        timeout: 5_000,
      })
      .toBe(0);
    await expectBooksBalance(storage, account);
  });

  it('settles a hold once when its first close committed but the answer was lost', async () => {
    let lose = false;
    const hot = await startHot({
      // One answer lost: the next transaction goes through.
      answerLost: () => {
        const now = lose;
        lose = false;
        return now;
      },
    });
    const { storage, ledger, account, channelId, held } = hot;
    const usage = { channelId, usage: { promptTokens: 10, completionTokens: 40 } };
    lose = true;
    await expect(ledger.settle(held, usage)).rejects.toThrow('answer to COMMIT');
    expect(await ledger.settle(held, usage)).toEqual({
      outcome: 'settled',
      charged: 90,
      refunded: AMOUNT - 90,
    });
    const logged = await storage.repositories.logs.listByRequestId(held.requestId);
    expect(logged.filter((entry) => entry.type === 'consume')).toHaveLength(1);

    await ledger.close();
    await expectBooksBalance(storage, account);
  });

  it('gives back what no open hold needs as soon as a grant retires, the rest when they close', async () => {
    const { storage, ledger, account, channelId, held } = await startHot();
    const { quotaReservations } = storage.repositories;
    expect(await quotaReservations.sumOpen(account.userId)).toBeGreaterThan(AMOUNT);
    // No more holds: the account cools and the grant retires with one hold still open.
    await expect
      .poll(() => quotaReservations.sumOpen(account.userId), { timeout: 5_000 })
      .toBe(AMOUNT);
    await ledger.settle(held, { channelId, usage: { promptTokens: 10, completionTokens: 3 } });
    await expect.poll(() => quotaReservations.sumOpen(account.userId), { timeout: 5_000 }).toBe(0);
    await expectBooksBalance(storage, account);
  });

  it("admits a hold that needs the quota another key's grant sits on, once the grant gives it back", async () => {
    const { storage, ledger, account, channelId, held } = await startHot();
    const other = await storage.repositories.tokens.create({
      userId: account.userId,
      name: 'second key',
      keyHash: uniqueId('hash'),
      keyPrefix: 'sk-test',
      remainQuota: 10_000_000,
    });
    const balance = (await readBalances(storage, account)).quota;
    // More than the user's row holds, less than the row and the grant's free part together.
    const maxTokens = Math.ceil((balance + 1 - 10) / 2);
    const large = await ledger.reserve({
      ...testHold(account, 'large'),
      tokenId: other.id,
      maxTokens,
    });
    expect(large.amount).toBeGreaterThan(balance);
    await ledger.release(large);
    await ledger.settle(held, { channelId, usage: { promptTokens: 10, completionTokens: 2 } });
    await ledger.close();
    await expectBooksBalance(storage, account);
  });

  it('answers a second close made while the first runs with already_closed, and charges once', async () => {
    const { storage, ledger, account, channelId, held } = await startHot();
    const usage = { channelId, usage: { promptTokens: 10, completionTokens: 4 } };
    const [first, second] = await Promise.all([
      ledger.settle(held, usage),
      ledger.settle(held, usage),
    ]);
    expect(first).toEqual({ outcome: 'settled', charged: 18, refunded: AMOUNT - 18 });
    expect(second).toEqual({ outcome: 'already_closed', state: 'settled' });
    const logged = await storage.repositories.logs.listByRequestId(held.requestId);
    expect(logged).toHaveLength(1);
    await ledger.close();
    await expectBooksBalance(storage, account);
  });

  it('stops giving a grant back once its row went with its deleted user', async () => {
    const storage = current();
    const errors: unknown[] = [];
    const { store, counts } = observedStore(storage);
    const ledger = start(store, { onBackgroundError: (error) => errors.push(error) });
    const account = await createTestAccount(storage, { userQuota: 100_000, tokenQuota: 100_000 });
    const channelId = await createTestChannel(storage);
    const held = await holdFromGrant(ledger, counts, account, channelId);
    await ledger.release(held);
    await storage.db.deleteFrom('users').where('id', '=', account.userId).execute();
    // The grant's row went with it (the foreign key cascades).
    const rows = await storage.db
      .selectFrom('quotaReservations')
      .select('requestId')
      .where('userId', '=', account.userId)
      .execute();
    expect(rows).toEqual([]);
    await ledger.close();
    expect(errors).toEqual([]);
  });
});
