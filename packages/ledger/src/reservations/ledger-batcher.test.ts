import type { TestStorage } from '@oneapi/storage/testing';
import { describeEachDatabase } from '@oneapi/storage/testing/vitest';
import { expect, it } from 'vitest';
import { createLedger, type Reservation } from '../create-ledger';
import type { LedgerStore } from '../ports';
import {
  createTestAccount,
  createTestChannel,
  createTestPrices,
  readBalances,
  testHold,
  uniqueId,
} from '../testing/ledger-fixtures';

const AMOUNT = 10 + 100 * 2; // promptTokens 10, maxTokens 100 on the test model

/** The real store, counting its transactions; `failing` makes each roll back after its work. */
function observedStore(storage: TestStorage, options: { failing?: () => boolean } = {}) {
  const counts = { transactions: 0 };
  const store: LedgerStore = {
    isDuplicateKey: (error) => storage.isDuplicateKey(error),
    transaction(work) {
      counts.transactions += 1;
      if (!options.failing?.()) return storage.transaction(work);
      return storage.transaction(async (repositories) => {
        await work(repositories);
        throw new Error('the commit failed');
      });
    },
  };
  return { store, counts };
}

/** `repository`, calling `onCall` before each of its methods. */
function counted<T extends object>(repository: T, onCall: () => void): T {
  return new Proxy(repository, {
    get(target, name) {
      const method = Reflect.get(target, name) as (...args: unknown[]) => unknown;
      return (...args: unknown[]) => {
        onCall();
        return method.apply(target, args);
      };
    },
  });
}

// Requests made in one turn of the event loop share one batch (ledger-batcher.ts).
describeEachDatabase('the ledger batcher', (current) => {
  it('commits concurrent holds in one transaction and concurrent settlements in another', async () => {
    const storage = current();
    const { store, counts } = observedStore(storage);
    const ledger = createLedger({ store, prices: createTestPrices() });
    const account = await createTestAccount(storage, { userQuota: 100_000, tokenQuota: 50_000 });
    const channelId = await createTestChannel(storage);

    const held = await Promise.all(
      Array.from({ length: 20 }, (_, index) => ledger.reserve(testHold(account, `batch-${index}`))),
    );
    expect(counts.transactions).toBe(1);
    expect(await readBalances(storage, account)).toMatchObject({
      quota: 100_000 - 20 * AMOUNT,
      remainQuota: 50_000 - 20 * AMOUNT,
    });

    const settled = await Promise.all(
      held.map((reservation, index) =>
        ledger.settle(reservation, {
          channelId,
          usage: { promptTokens: 10, completionTokens: index }, // 10 + 2 x index
        }),
      ),
    );
    expect(counts.transactions).toBe(2);
    const charges = held.map((_, index) => 10 + 2 * index);
    const total = charges.reduce((sum, charge) => sum + charge, 0);
    expect(settled).toEqual(
      charges.map((charged) => ({ outcome: 'settled', charged, refunded: AMOUNT - charged })),
    );
    expect(await readBalances(storage, account)).toEqual({
      quota: 100_000 - total,
      usedQuota: total,
      requestCount: 20,
      remainQuota: 50_000 - total,
      tokenUsedQuota: total,
    });
    const channel = await storage.repositories.channels.findById(channelId);
    expect(channel?.usedQuota).toBe(total);
    const rollup = await storage.repositories.usageHourly.total({
      from: 0,
      to: Date.now() + 3_600_000,
      userId: account.userId,
    });
    expect(rollup).toMatchObject({ requests: 20, quota: total, promptTokens: 200 });
    for (const [index, reservation] of held.entries()) {
      const logs = await storage.repositories.logs.listByRequestId(reservation.requestId);
      expect(logs).toHaveLength(1);
      expect(logs[0]).toMatchObject({ type: 'consume', quota: charges[index], channelId });
    }
    expect(await storage.repositories.quotaReservations.sumOpen(account.userId)).toBe(0);
  });

  it('refuses only the holds a user balance cannot cover, in arrival order', async () => {
    const storage = current();
    const { store, counts } = observedStore(storage);
    const ledger = createLedger({ store, prices: createTestPrices() });
    const short = await createTestAccount(storage, {
      userQuota: 3 * AMOUNT + AMOUNT - 1,
      tokenQuota: 100_000,
    });
    const ample = await createTestAccount(storage, { userQuota: 100_000, tokenQuota: 100_000 });

    const attempts = await Promise.allSettled([
      ...Array.from({ length: 5 }, (_, index) => ledger.reserve(testHold(short, `short-${index}`))),
      ...Array.from({ length: 3 }, (_, index) => ledger.reserve(testHold(ample, `ample-${index}`))),
    ]);
    expect(counts.transactions).toBe(1);
    expect(attempts.map((attempt) => attempt.status)).toEqual([
      ...['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'rejected'],
      ...['fulfilled', 'fulfilled', 'fulfilled'],
    ]);
    for (const attempt of attempts.slice(3, 5)) {
      expect((attempt as PromiseRejectedResult).reason).toMatchObject({
        code: 'insufficient_quota',
        status: 403,
      });
    }
    expect(await readBalances(storage, short)).toMatchObject({
      quota: AMOUNT - 1,
      remainQuota: 100_000 - 3 * AMOUNT,
    });
    expect(await readBalances(storage, ample)).toMatchObject({ quota: 100_000 - 3 * AMOUNT });
    expect(await storage.repositories.quotaReservations.sumOpen(short.userId)).toBe(3 * AMOUNT);
  });

  it('refuses only the holds a key cannot cover, and takes nothing from its owner for them', async () => {
    const storage = current();
    const { store, counts } = observedStore(storage);
    const ledger = createLedger({ store, prices: createTestPrices() });
    const account = await createTestAccount(storage, {
      userQuota: 100_000,
      tokenQuota: 2 * AMOUNT + AMOUNT - 1,
    });

    const attempts = await Promise.allSettled(
      Array.from({ length: 4 }, (_, index) => ledger.reserve(testHold(account, `key-${index}`))),
    );
    expect(counts.transactions).toBe(1);
    expect(attempts.map((attempt) => attempt.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'rejected',
    ]);
    expect((attempts[2] as PromiseRejectedResult).reason).toMatchObject({
      code: 'insufficient_quota',
    });
    expect(await readBalances(storage, account)).toMatchObject({
      quota: 100_000 - 2 * AMOUNT,
      remainQuota: AMOUNT - 1,
    });
    // The refused holds' rows, written with the batch's, are gone.
    expect(await storage.repositories.quotaReservations.sumOpen(account.userId)).toBe(2 * AMOUNT);
  });

  it("writes each account once for a batch's settlements and holds, their refunds paying for the holds", async () => {
    const storage = current();
    const accountWrites = { users: 0, tokens: 0 };
    // The real store; counts the statements on account rows.
    const store: LedgerStore = {
      isDuplicateKey: (error) => storage.isDuplicateKey(error),
      transaction: (work) =>
        storage.transaction((repositories) =>
          work({
            ...repositories,
            users: counted(repositories.users, () => accountWrites.users++),
            tokens: counted(repositories.tokens, () => accountWrites.tokens++),
          }),
        ),
    };
    const ledger = createLedger({ store, prices: createTestPrices() });
    const account = await createTestAccount(storage, {
      userQuota: 3 * AMOUNT,
      tokenQuota: 100_000,
    });
    const usage = { promptTokens: 10, completionTokens: 0 }; // charged 10, refunded AMOUNT - 10
    const refunds = 3 * (AMOUNT - 10);

    const first = await Promise.all(
      [0, 1, 2].map((index) => ledger.reserve(testHold(account, `pay-a-${index}`))),
    );
    expect((await readBalances(storage, account)).quota).toBe(0);
    accountWrites.users = 0;
    accountWrites.tokens = 0;
    // Two holds the refunds cover, in the batch of the settlements that return them.
    const [, second] = await Promise.all([
      Promise.all(
        first.map((reservation) => ledger.settle(reservation, { channelId: null, usage })),
      ),
      Promise.all([0, 1].map((index) => ledger.reserve(testHold(account, `pay-b-${index}`)))),
    ]);
    expect(accountWrites).toEqual({ users: 1, tokens: 1 });
    expect(await readBalances(storage, account)).toMatchObject({
      quota: refunds - 2 * AMOUNT,
      usedQuota: 30,
      requestCount: 3,
      remainQuota: 100_000 - 30 - 2 * AMOUNT,
    });

    // Three holds the refunds do not cover: the settlements are written alone, and the
    // holds are taken one by one, in arrival order, against what they returned.
    const attempts = await Promise.all([
      Promise.all(
        second.map((reservation) => ledger.settle(reservation, { channelId: null, usage })),
      ),
      Promise.allSettled(
        [0, 1, 2].map((index) => ledger.reserve(testHold(account, `pay-c-${index}`))),
      ),
    ]);
    const balance = refunds - 2 * AMOUNT + 2 * (AMOUNT - 10);
    expect(balance).toBeLessThan(3 * AMOUNT);
    expect(attempts[1].map((attempt) => attempt.status)).toEqual(
      Array.from({ length: 3 }, (_, index) =>
        index < Math.floor(balance / AMOUNT) ? 'fulfilled' : 'rejected',
      ),
    );
    const admitted = Math.floor(balance / AMOUNT);
    expect(await readBalances(storage, account)).toMatchObject({
      quota: balance - admitted * AMOUNT,
      usedQuota: 50,
      requestCount: 5,
    });
    expect(await storage.repositories.quotaReservations.sumOpen(account.userId)).toBe(
      admitted * AMOUNT,
    );
  });

  it('admits nothing while a balance is below zero, a hold of 0 included', async () => {
    const storage = current();
    const ledger = createLedger({ store: storage, prices: createTestPrices() });
    const account = await createTestAccount(storage, { userQuota: 100_000, tokenQuota: 100_000 });
    await storage.repositories.users.applyQuotaChange(account.userId, { quota: -100_001 });
    const attempts = await Promise.allSettled([
      ledger.reserve(testHold(account, 'negative')),
      ledger.reserve({ ...testHold(account, 'negative-zero'), promptTokens: 0, maxTokens: 0 }),
    ]);
    expect(attempts.map((attempt) => attempt.status)).toEqual(['rejected', 'rejected']);
    expect(await readBalances(storage, account)).toMatchObject({
      quota: -1,
      remainQuota: 100_000,
    });
  });

  it('rejects every request of a batch whose commit fails, and leaks nothing', async () => {
    const storage = current();
    const { store, counts } = observedStore(storage, { failing: () => true });
    const failing = createLedger({ store, prices: createTestPrices() });
    const working = createLedger({ store: storage, prices: createTestPrices() });
    const account = await createTestAccount(storage, { userQuota: 100_000, tokenQuota: 100_000 });

    const holds = await Promise.allSettled(
      Array.from({ length: 8 }, (_, index) => failing.reserve(testHold(account, `fail-${index}`))),
    );
    expect(holds.every((attempt) => attempt.status === 'rejected')).toBe(true);
    // The batch, then each request alone: every one rolled back.
    expect(counts.transactions).toBe(1 + 8);
    expect(await readBalances(storage, account)).toMatchObject({
      quota: 100_000,
      remainQuota: 100_000,
    });
    expect(await storage.repositories.quotaReservations.sumOpen(account.userId)).toBe(0);

    // Settlements whose commit fails leave the holds open, to be settled once later.
    const held = await Promise.all(
      Array.from({ length: 4 }, (_, index) => working.reserve(testHold(account, `later-${index}`))),
    );
    const usage = { promptTokens: 10, completionTokens: 20 }; // 50
    const failed = await Promise.allSettled(
      held.map((reservation) => failing.settle(reservation, { channelId: null, usage })),
    );
    expect(failed.every((attempt) => attempt.status === 'rejected')).toBe(true);
    expect(await storage.repositories.quotaReservations.sumOpen(account.userId)).toBe(4 * AMOUNT);
    expect(await readBalances(storage, account)).toMatchObject({
      quota: 100_000 - 4 * AMOUNT,
      usedQuota: 0,
    });
    for (const reservation of held) {
      expect(await storage.repositories.logs.listByRequestId(reservation.requestId)).toEqual([]);
    }
    await Promise.all(
      held.map((reservation) => working.settle(reservation, { channelId: null, usage })),
    );
    expect(await readBalances(storage, account)).toMatchObject({
      quota: 100_000 - 4 * 50,
      usedQuota: 4 * 50,
      requestCount: 4,
    });
  });

  it('fails only the request at fault when a batch fails as a whole', async () => {
    const storage = current();
    let failures = 1;
    const { store } = observedStore(storage, { failing: () => failures-- > 0 });
    const ledger = createLedger({ store, prices: createTestPrices() });
    const account = await createTestAccount(storage, { userQuota: 100_000, tokenQuota: 100_000 });
    const taken = await createLedger({ store: storage, prices: createTestPrices() }).reserve(
      testHold(account, 'taken'),
    );

    // The first batch fails (a lost commit); retried alone, four are admitted and the
    // request whose id is taken is refused as a duplicate.
    const attempts = await Promise.allSettled([
      ...Array.from({ length: 4 }, (_, index) => ledger.reserve(testHold(account, `ok-${index}`))),
      ledger.reserve({ ...testHold(account, 'again'), requestId: taken.requestId }),
    ]);
    expect(attempts.map((attempt) => attempt.status)).toEqual([
      ...Array(4).fill('fulfilled'),
      'rejected',
    ]);
    expect((attempts[4] as PromiseRejectedResult).reason).toMatchObject({
      code: 'duplicate_request',
    });
    expect(await readBalances(storage, account)).toMatchObject({ quota: 100_000 - 5 * AMOUNT });
  });

  it('closes each reservation once when a batch settles and releases it twice', async () => {
    const storage = current();
    const { store, counts } = observedStore(storage);
    const ledger = createLedger({ store, prices: createTestPrices() });
    const account = await createTestAccount(storage, { userQuota: 100_000, tokenQuota: 100_000 });
    const [first, second] = (await Promise.all([
      ledger.reserve(testHold(account, 'twice-a')),
      ledger.reserve(testHold(account, 'twice-b')),
    ])) as [Reservation, Reservation];
    const usage = { promptTokens: 10, completionTokens: 20 }; // 50
    counts.transactions = 0;
    const results = await Promise.all([
      ledger.settle(first, { channelId: null, usage }),
      ledger.settle(first, { channelId: null, usage }),
      ledger.release(second),
      ledger.settle(second, { channelId: null, usage }),
      ledger.release({ ...second, requestId: uniqueId('never-reserved') }).catch((error) => error),
    ]);
    expect(counts.transactions).toBe(1);
    expect(results.slice(0, 4)).toEqual([
      { outcome: 'settled', charged: 50, refunded: AMOUNT - 50 },
      { outcome: 'already_closed', state: 'settled' },
      { outcome: 'released', refunded: AMOUNT },
      { outcome: 'already_closed', state: 'released' },
    ]);
    expect(results[4]).toMatchObject({ code: 'reservation_not_found' });
    expect(await readBalances(storage, account)).toMatchObject({
      quota: 100_000 - 50,
      usedQuota: 50,
      requestCount: 1,
      remainQuota: 100_000 - 50,
    });
    expect(await storage.repositories.logs.listByRequestId(first.requestId)).toHaveLength(1);
  });

  it('is idle only once every request asked for has committed', async () => {
    const storage = current();
    const ledger = createLedger({ store: storage, prices: createTestPrices() });
    const account = await createTestAccount(storage, { userQuota: 100_000, tokenQuota: 100_000 });
    const held = await Promise.all(
      Array.from({ length: 6 }, (_, index) => ledger.reserve(testHold(account, `idle-${index}`))),
    );
    const usage = { promptTokens: 10, completionTokens: 20 }; // 50
    // Asked for and not awaited, as a stream's end asks for its settlement.
    for (const reservation of held) void ledger.settle(reservation, { channelId: null, usage });
    await ledger.idle();
    expect(await storage.repositories.quotaReservations.sumOpen(account.userId)).toBe(0);
    expect(await readBalances(storage, account)).toMatchObject({ usedQuota: 6 * 50 });
    await ledger.idle();
  });
});

// Whether a small batch waits a turn for the next one's requests (BATCH_LINGER_MS).
describeEachDatabase('the ledger batcher under load and at rest', (current) => {
  /**
   * A ledger with `batchLingerMs` that has held one request, then, `pauseMs` after that
   * batch ended, holds `firstTurn` requests and one more on the next turn of the event loop.
   * Returns the transactions in all and the user's quota left.
   */
  const holdTwoTurnsApart = async (batchLingerMs: number, pauseMs: number, firstTurn = 1) => {
    const storage = current();
    const { store, counts } = observedStore(storage);
    const ledger = createLedger({ store, prices: createTestPrices(), batchLingerMs });
    const account = await createTestAccount(storage, { userQuota: 100_000, tokenQuota: 100_000 });
    await ledger.reserve(testHold(account, 'first'));
    await ledger.idle();
    if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    const first = Array.from({ length: firstTurn }, () => ledger.reserve(testHold(account, 'a')));
    const next = new Promise<Reservation>((resolve, reject) =>
      setImmediate(() => ledger.reserve(testHold(account, 'b')).then(resolve, reject)),
    );
    await Promise.all([...first, next]);
    const { quota } = await readBalances(storage, account);
    return { transactions: counts.transactions, quota };
  };

  it('lets a request of the next turn join a small batch when the last batch just ended', async () => {
    // A window no test machine's pause can outlast: "just ended" whatever the timing.
    expect(await holdTwoTurnsApart(60_000, 0)).toEqual({
      transactions: 2,
      quota: 100_000 - 3 * AMOUNT,
    });
  });

  it('commits a batch of eight at once, however recent the last one', async () => {
    expect(await holdTwoTurnsApart(60_000, 0, 8)).toEqual({
      transactions: 3,
      quota: 100_000 - 10 * AMOUNT,
    });
  });

  it('commits at once when the last batch ended longer ago than the window', async () => {
    expect(await holdTwoTurnsApart(1, 20)).toEqual({
      transactions: 3,
      quota: 100_000 - 3 * AMOUNT,
    });
  });
});
