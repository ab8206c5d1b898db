import type { Storage } from '@oneapi/storage';
import { describeEachDatabase } from '@oneapi/storage/testing/vitest';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { createLedger, type Ledger } from '../create-ledger';
import { isLedgerError } from '../ledger-error';
import { createPriceTable } from '../prices/price-table';
import {
  createTestAccount,
  readBalances,
  type TestAccount,
  uniqueId,
} from '../testing/ledger-fixtures';

/*
 * Issue 15: 100 concurrent requests on a key whose quota covered 50 were charged 1,160 of
 * 1,000, because each settlement took its excess over the hold unconditionally. The bound:
 * when every hold is an upper bound of what its request can be billed, no concurrency takes
 * a balance below zero; a provider that reports more than the bounds is still charged, the
 * overdraw is then at most what those reports exceeded their holds by, and no new hold is
 * admitted while the balance is short.
 */

// Anthropic's shape: cache writes (3.75) dearer than input (3), reads cheaper (0.3).
const CACHED_MODEL = 'cache-priced';
// One API ratios: 1 quota per prompt token, 2 per completion token.
const RATIO_MODEL = 'ratio-priced';
const prices = () =>
  createPriceTable({
    models: {
      [CACHED_MODEL]: {
        inputPerMillion: 3,
        outputPerMillion: 15,
        cachedInputPerMillion: 0.3,
        cacheWritePerMillion: 3.75,
      },
      [RATIO_MODEL]: { modelRatio: 1, completionRatio: 2 },
    },
  });

type Ending = 'settle' | 'release' | 'cut';

interface PlannedRequest {
  readonly model: string;
  /** The bounds the hold is priced on. */
  readonly promptBound: number;
  readonly maxTokens: number;
  /** What the provider reports, as fractions of the bounds (completionShare above 1: an over-report). */
  readonly promptShare: number;
  readonly cachedShare: number;
  readonly writtenShare: number;
  readonly completionShare: number;
  readonly ending: Ending;
  /** Milliseconds between reserve and settle, so settlements interleave with admissions. */
  readonly pauseMs: number;
}

// The edges often: a provider that bills the whole bound, or none of a cache class.
const share = fc.oneof(fc.constantFrom(0, 1), fc.double({ min: 0, max: 1, noNaN: true }));

/** A report within the bounds: often the worst case, the whole prompt written to the cache. */
const honestShares = fc.oneof(
  fc.constant({ promptShare: 1, cachedShare: 0, writtenShare: 1, completionShare: 1 }),
  fc.record({
    promptShare: share,
    cachedShare: share,
    writtenShare: share,
    completionShare: share,
  }),
);

const request = (overReports: boolean): fc.Arbitrary<PlannedRequest> =>
  fc
    .record({
      model: fc.constantFrom(CACHED_MODEL, RATIO_MODEL),
      promptBound: fc.integer({ min: 1, max: 20_000 }),
      maxTokens: fc.integer({ min: 1, max: 4_000 }),
      shares: honestShares,
      // With over-reports, about one request in four reports up to 30 times its completion bound.
      overReport: overReports
        ? fc.oneof(
            { weight: 3, arbitrary: fc.constant(undefined) },
            { weight: 1, arbitrary: fc.double({ min: 1.01, max: 30, noNaN: true }) },
          )
        : fc.constant(undefined),
      ending: fc.constantFrom<Ending>('settle', 'settle', 'settle', 'cut', 'release'),
      pauseMs: fc.nat(4),
    })
    .map(({ shares, overReport, ...planned }) => ({
      ...planned,
      ...shares,
      ...(overReport !== undefined && { completionShare: overReport }),
    }));

const scenario = fc
  .record({
    overReports: fc.boolean(),
    /** Which balance runs out: the user's, a limited key's, or the user's behind an unlimited key. */
    binding: fc.constantFrom('user', 'token', 'unlimited-token' as const),
    /** The binding balance, as a fraction of what every request would hold together. */
    coverage: fc.oneof(
      fc.double({ min: 0.05, max: 0.3, noNaN: true }),
      fc.double({ min: 0.05, max: 1.2, noNaN: true }),
    ),
  })
  .chain((shape) =>
    fc.record({
      shape: fc.constant(shape),
      requests: fc.array(request(shape.overReports), { minLength: 2, maxLength: 40 }),
    }),
  );

/** The provider's report for `planned`: prompt split into uncached, cache reads and writes. */
function reportedUsage(planned: PlannedRequest) {
  const promptTokens = Math.floor(planned.promptBound * planned.promptShare);
  const cachedTokens = Math.floor(promptTokens * planned.cachedShare);
  const cacheWriteTokens = Math.floor((promptTokens - cachedTokens) * planned.writtenShare);
  const completionTokens = Math.floor(planned.maxTokens * planned.completionShare);
  return { promptTokens, cachedTokens, cacheWriteTokens, completionTokens };
}

async function runRequest(ledger: Ledger, account: TestAccount, planned: PlannedRequest) {
  let reservation: Awaited<ReturnType<Ledger['reserve']>>;
  try {
    reservation = await ledger.reserve({
      requestId: uniqueId('overdraw'),
      ...account,
      model: planned.model,
      group: 'default',
      promptTokens: planned.promptBound,
      maxTokens: planned.maxTokens,
    });
  } catch (error) {
    if (isLedgerError(error) && error.code === 'insufficient_quota') return undefined;
    throw error;
  }
  await new Promise((resolve) => setTimeout(resolve, planned.pauseMs));
  const usage = reportedUsage(planned);
  if (planned.ending === 'release') await ledger.release(reservation);
  else if (planned.ending === 'cut') {
    await ledger.settleCutStream(reservation, {
      channelId: null,
      promptTokens: usage.promptTokens,
      cachedTokens: usage.cachedTokens,
      deliveredTokens: usage.completionTokens,
    });
  } else await ledger.settle(reservation, { channelId: null, usage });
  return { hold: reservation.amount, overReport: planned.completionShare > 1 };
}

async function reservationsOf(storage: Storage, account: TestAccount) {
  return storage.db
    .selectFrom('quotaReservations')
    .select(['amount', 'charged', 'state'])
    .where('userId', '=', account.userId)
    .execute();
}

describeEachDatabase('overdraw under concurrency', (current) => {
  it('stays within what over-reports exceeded their holds by, and admits nothing while short', async () => {
    const storage = current();
    // Two pools, as two gateway instances would have (one connection on SQLite, as in
    // concurrent-reservations.test.ts: it still interleaves the transactions at every await).
    const second = storage.dialect === 'sqlite' ? storage : await storage.connectAgain();
    const ledgers = [storage, second].map((store) => createLedger({ store, prices: prices() }));
    let worstOverdraw = 0;
    let honestRuns = 0;
    let shortRuns = 0;
    try {
      await fc.assert(
        fc.asyncProperty(scenario, async ({ shape, requests }) => {
          const holds = requests.map((planned) =>
            ledgers[0]!.estimate({
              model: planned.model,
              group: 'default',
              promptTokens: planned.promptBound,
              maxTokens: planned.maxTokens,
            }),
          );
          const binding = Math.floor(holds.reduce((sum, hold) => sum + hold, 0) * shape.coverage);
          const plenty = 1_000_000_000;
          const initialUser = shape.binding === 'token' ? plenty : binding;
          const initialToken = shape.binding === 'token' ? binding : plenty;
          const account = await createTestAccount(storage, {
            userQuota: initialUser,
            tokenQuota: initialToken,
            unlimited: shape.binding === 'unlimited-token',
          });

          const outcomes = await Promise.all(
            requests.map((planned, index) => runRequest(ledgers[index % 2]!, account, planned)),
          );

          // Every hold is settled or released; the books balance.
          const rows = await reservationsOf(storage, account);
          expect(rows.filter((row) => row.state === 'open')).toEqual([]);
          expect(rows).toHaveLength(outcomes.filter((outcome) => outcome !== undefined).length);
          const charged = rows.reduce((sum, row) => sum + (row.charged ?? 0), 0);
          const balances = await readBalances(storage, account);
          expect(balances.quota).toBe(initialUser - charged);
          expect(balances.usedQuota).toBe(charged);
          expect(balances.tokenUsedQuota).toBe(charged);
          if (shape.binding === 'token') expect(balances.remainQuota).toBe(initialToken - charged);

          // A hold is an upper bound: a request whose report stays within its bounds costs
          // at most its hold, whatever its cache split (cache writes cost more than input).
          const admitted = outcomes.filter((outcome) => outcome !== undefined);
          const excess = rows.reduce(
            (sum, row) => sum + Math.max(0, (row.charged ?? 0) - row.amount),
            0,
          );
          if (!admitted.some((outcome) => outcome.overReport)) expect(excess).toBe(0);

          const limited = shape.binding === 'token' ? balances.remainQuota : balances.quota;
          const overdraw = Math.max(0, -limited);
          expect(overdraw).toBeLessThanOrEqual(excess);
          worstOverdraw = Math.max(worstOverdraw, overdraw);
          if (excess === 0) honestRuns += 1;

          // While the binding balance is short, no hold is admitted, however small, on
          // either instance; the balance stays as it was.
          if (limited < 0) {
            shortRuns += 1;
            const attempts = await Promise.allSettled(
              Array.from({ length: 6 }, (_, index) =>
                ledgers[index % 2]!.reserve({
                  requestId: uniqueId('short'),
                  ...account,
                  model: RATIO_MODEL,
                  group: 'default',
                  promptTokens: 1,
                  maxTokens: 1,
                }),
              ),
            );
            for (const attempt of attempts) {
              expect(attempt.status).toBe('rejected');
              const reason = attempt.status === 'rejected' ? attempt.reason : undefined;
              expect(isLedgerError(reason) && reason.code).toBe('insufficient_quota');
            }
            expect(await readBalances(storage, account)).toEqual(balances);
          }
        }),
        { numRuns: storage.dialect === 'sqlite' ? 40 : 25 },
      );
    } finally {
      if (second !== storage) await second.close();
    }
    console.info(
      `[overdraw] ${storage.dialect}: overdraw 0 in all ${honestRuns} runs whose charges stayed ` +
        `within their holds; with over-reports, worst ${worstOverdraw} quota (at most their ` +
        `excess), ${shortRuns} runs left short, every further hold refused`,
    );
  }, 240_000);

  it('refuses a new hold while the user or the key is short, on unlimited keys too', async () => {
    const storage = current();
    const ledger = createLedger({ store: storage, prices: prices() });
    for (const binding of ['user', 'token', 'unlimited-token'] as const) {
      const account = await createTestAccount(storage, {
        userQuota: binding === 'token' ? 1_000_000 : 210,
        tokenQuota: binding === 'token' ? 210 : 1_000_000,
        unlimited: binding === 'unlimited-token',
      });
      const hold = await ledger.reserve({
        requestId: uniqueId('short'),
        ...account,
        model: RATIO_MODEL,
        group: 'default',
        promptTokens: 10,
        maxTokens: 100,
      });
      expect(hold.amount).toBe(210);
      // The provider reports 50 completion tokens more than the cap: charged, 100 short.
      const settled = await ledger.settle(hold, {
        channelId: null,
        usage: { promptTokens: 10, completionTokens: 150 },
      });
      expect(settled).toMatchObject({ outcome: 'settled', charged: 310, refunded: -100 });
      const short = await readBalances(storage, account);
      expect(binding === 'token' ? short.remainQuota : short.quota).toBe(-100);
      // Even a hold of 0 quota (a free request) waits for the top-up.
      for (const maxTokens of [1, 0]) {
        await expect(
          ledger.reserve({
            requestId: uniqueId('short'),
            ...account,
            model: RATIO_MODEL,
            group: 'default',
            promptTokens: 0,
            maxTokens,
          }),
        ).rejects.toMatchObject({ code: 'insufficient_quota' });
      }
      expect(await readBalances(storage, account)).toEqual(short);
    }
  });
});
