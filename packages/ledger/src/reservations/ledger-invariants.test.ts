import type { Storage } from '@oneapi/storage';
import { describeEachDatabase } from '@oneapi/storage/testing/vitest';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { createLedger, type Reservation } from '../create-ledger';
import { isLedgerError } from '../ledger-error';
import { topUp } from '../recharge/top-up';
import {
  createTestAccount,
  createTestChannel,
  createTestPrices,
  logTotals,
  TEST_MODEL,
  type TestAccount,
  uniqueId,
} from '../testing/ledger-fixtures';

const INITIAL = 3_000;

type Operation =
  | { kind: 'reserve'; account: number; promptTokens: number; maxTokens: number }
  | { kind: 'settle'; pick: number; completion: number; overshoot: boolean }
  | { kind: 'cut'; pick: number; delivered: number }
  | { kind: 'release'; pick: number }
  | { kind: 'topUp'; account: number; amount: number; replayKey: boolean };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({
    kind: fc.constant('reserve' as const),
    account: fc.nat(1),
    promptTokens: fc.integer({ min: 1, max: 300 }),
    maxTokens: fc.integer({ min: 1, max: 600 }),
  }),
  fc.record({
    kind: fc.constant('settle' as const),
    pick: fc.nat(),
    completion: fc.nat(600),
    overshoot: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('cut' as const), pick: fc.nat(), delivered: fc.nat(600) }),
  fc.record({ kind: fc.constant('release' as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constant('topUp' as const),
    account: fc.nat(1),
    amount: fc.integer({ min: 1, max: 2_000 }),
    replayKey: fc.boolean(),
  }),
);

async function sumWhere(storage: Storage, table: 'users' | 'tokens', account: TestAccount) {
  const reservations = await storage.db
    .selectFrom('quotaReservations')
    .select(['amount', 'charged', 'state'])
    .where(
      table === 'users' ? 'userId' : 'tokenId',
      '=',
      table === 'users' ? account.userId : account.tokenId,
    )
    .execute();
  const settled = reservations
    .filter((row) => row.state === 'settled')
    .reduce((total, row) => total + (row.charged ?? 0), 0);
  const open = reservations
    .filter((row) => row.state === 'open')
    .reduce((total, row) => total + row.amount, 0);
  return {
    settled,
    open,
    settledCount: reservations.filter((row) => row.state === 'settled').length,
  };
}

async function checkInvariants(
  storage: Storage,
  account: TestAccount,
  topUps: number,
  overcharged: number,
  { grants = false } = {},
) {
  const user = (await storage.repositories.users.findById(account.userId))!;
  const token = (await storage.repositories.tokens.findById(account.tokenId))!;
  const byUser = await sumWhere(storage, 'users', account);
  const byToken = await sumWhere(storage, 'tokens', account);
  const userLogs = await logTotals(storage, 'userId', account.userId);
  const tokenLogs = await logTotals(storage, 'tokenId', account.tokenId);
  if (grants) {
    // A grant's holds have no rows: their charges are in the logs, and what is left of the
    // grant is its open row's amount.
    expect(user.quota).toBe(INITIAL + topUps - userLogs.quota - byUser.open);
    expect(token.remainQuota).toBe(INITIAL - tokenLogs.quota - byToken.open);
  } else {
    // initial + top-ups - settled charges - open reservations = balance
    expect(user.quota).toBe(INITIAL + topUps - byUser.settled - byUser.open);
    expect(token.remainQuota).toBe(INITIAL - byToken.settled - byToken.open);
    expect(user.usedQuota).toBe(byUser.settled);
  }
  // Below zero only by what settlements charged above their estimates.
  expect(user.quota).toBeGreaterThanOrEqual(-overcharged);
  // Counters agree with the logs.
  expect(user.usedQuota).toBe(userLogs.quota);
  expect(user.requestCount).toBe(userLogs.count);
  expect(token.usedQuota).toBe(tokenLogs.quota);
}

/**
 * Runs random operation sequences and checks the invariants after each. With `grants`,
 * every sequence gets a ledger of its own that takes quota grants from the first hold on,
 * checked while its grants are out and again once `close` has given them back.
 */
async function checkSequences(storage: Storage, { grants = false } = {}) {
  const prices = createTestPrices();
  const shared = createLedger({ store: storage, prices });
  const runs = storage.dialect === 'sqlite' ? 50 : 20;
  await fc.assert(
    fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 25 }), async (operations) => {
      const ledger = grants
        ? createLedger({
            store: storage,
            prices,
            // Half a second of holds: small enough to fit these small balances four times
            // over in most sequences (a grant is taken in nearly every one).
            grants: { aboveHoldsPerSecond: 1, seconds: 0.5, lifetimeMs: 60_000 },
          })
        : shared;
      const accounts = await Promise.all(
        [0, 1].map(() => createTestAccount(storage, { userQuota: INITIAL, tokenQuota: INITIAL })),
      );
      const channelId = await createTestChannel(storage);
      const topUps = [0, 0];
      const overcharged = [0, 0];
      const open: Array<Reservation & { account: number }> = [];
      let lastKey = uniqueId('topup');
      for (const step of operations) {
        if (step.kind === 'reserve') {
          try {
            const reservation = await ledger.reserve({
              requestId: uniqueId('prop'),
              ...accounts[step.account]!,
              model: TEST_MODEL,
              group: 'default',
              promptTokens: step.promptTokens,
              maxTokens: step.maxTokens,
            });
            open.push({ ...reservation, account: step.account });
          } catch (error) {
            if (!isLedgerError(error) || error.code !== 'insufficient_quota') throw error;
          }
        } else if (step.kind === 'topUp') {
          const key = step.replayKey ? lastKey : uniqueId('topup');
          lastKey = key;
          const userId = accounts[step.account]!.userId;
          try {
            const result = await topUp(storage, {
              idempotencyKey: key,
              userId,
              amount: step.amount,
              reason: 'test',
              actorId: null,
            });
            if (result.applied) topUps[step.account]! += step.amount;
          } catch (error) {
            if (!isLedgerError(error) || error.code !== 'idempotency_conflict') throw error;
          }
        } else if (open.length > 0) {
          const [reservation] = open.splice(step.pick % open.length, 1);
          if (!reservation) continue;
          if (step.kind === 'release') {
            await ledger.release(reservation, { channelId });
          } else if (step.kind === 'cut') {
            await ledger.settleCutStream(reservation, {
              channelId,
              promptTokens: 1,
              deliveredTokens: step.delivered,
            });
          } else {
            const usage = {
              promptTokens: 1,
              completionTokens: step.completion + (step.overshoot ? 700 : 0),
            };
            const result = await ledger.settle(reservation, { channelId, usage });
            if (result.outcome === 'settled' && result.refunded < 0) {
              overcharged[reservation.account]! -= result.refunded;
            }
            // A retried settlement changes nothing.
            await ledger.settle(reservation, { channelId, usage });
          }
        }
      }
      // Grants are taken and given back in the background, and the checks read several
      // tables one after the other: with grants, they read once the ledger is still (closed:
      // every grant retired, its free part back, the rows of open holds' grants left).
      if (grants) await ledger.close();
      for (const index of [0, 1]) {
        await checkInvariants(storage, accounts[index]!, topUps[index]!, overcharged[index]!, {
          grants,
        });
      }
      if (grants) {
        for (const reservation of open) await ledger.release(reservation);
        await ledger.idle();
        for (const index of [0, 1]) {
          await checkInvariants(storage, accounts[index]!, topUps[index]!, overcharged[index]!, {
            grants,
          });
          const left = await storage.repositories.quotaReservations.sumOpen(
            accounts[index]!.userId,
          );
          expect(left).toBe(0);
        }
      }
      const channel = (await storage.repositories.channels.findById(channelId))!;
      expect(channel.usedQuota).toBe((await logTotals(storage, 'channelId', channelId)).quota);
      const rollup = await storage.repositories.usageHourly.total({
        from: 0,
        to: Date.now() + 3_600_000,
        channelId,
      });
      expect(rollup.quota).toBe(channel.usedQuota);
    }),
    { numRuns: runs },
  );
}

describeEachDatabase('ledger invariants over random operation sequences', (current) => {
  // Hundreds of transactions against a server database: slow on a busy machine, not stuck.
  it(
    'keeps balances, counters, logs and rollups in agreement',
    () => checkSequences(current()),
    180_000,
  );

  it(
    'keeps them with quota grants taken and given back',
    () => checkSequences(current(), { grants: true }),
    180_000,
  );
});
