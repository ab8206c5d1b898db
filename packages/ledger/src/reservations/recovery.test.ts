import { describeEachDatabase } from '@oneapi/storage/testing/vitest';
import { expect, it } from 'vitest';
import { createLedger } from '../create-ledger';
import { createCounterMetrics } from '../metrics';
import {
  createTestAccount,
  createTestPrices,
  readBalances,
  TEST_MODEL,
  uniqueId,
} from '../testing/ledger-fixtures';

const HOUR = 3_600_000;

describeEachDatabase('crash recovery', (current) => {
  // Every test runs in its own slice of time, so reservations of one test are never stale
  // in another.
  let epoch = 1_000 * HOUR;
  const atTime = () => {
    epoch += 100 * HOUR;
    return epoch;
  };

  const reserveThenCrash = async (at: number, userQuota = 1_000) => {
    const account = await createTestAccount(current(), { userQuota, tokenQuota: userQuota });
    const crashed = createLedger({ store: current(), prices: createTestPrices(), now: () => at });
    const reservation = await crashed.reserve({
      requestId: uniqueId('crash'),
      ...account,
      model: TEST_MODEL,
      group: 'default',
      promptTokens: 10,
      maxTokens: 100,
    });
    return { account, reservation };
  };

  it('releases a reservation the log knows nothing about', async () => {
    const start = atTime();
    const { account } = await reserveThenCrash(start);
    expect(await readBalances(current(), account)).toMatchObject({ quota: 790 });

    const metrics = createCounterMetrics();
    const restarted = createLedger({
      store: current(),
      prices: createTestPrices(),
      metrics,
      staleReservationMs: HOUR,
      now: () => start + 30 * 60_000,
    });
    expect(await restarted.recover()).toEqual({ settled: 0, released: 0 }); // not stale yet

    const later = createLedger({
      store: current(),
      prices: createTestPrices(),
      metrics,
      staleReservationMs: HOUR,
      now: () => start + 2 * HOUR,
    });
    expect(await later.recover()).toEqual({ settled: 0, released: 1 });
    expect(await readBalances(current(), account)).toMatchObject({
      quota: 1_000,
      remainQuota: 1_000,
    });
    expect(metrics.get('reservations_recovered_released')).toBe(1);
  });

  it('settles from the log when the request was logged before the crash, without logging twice', async () => {
    const start = atTime();
    const { account, reservation } = await reserveThenCrash(start);
    await current().repositories.logs.insertMany([
      {
        type: 'consume',
        createdAt: start + 1_000,
        userId: account.userId,
        tokenId: account.tokenId,
        model: TEST_MODEL,
        promptTokens: 10,
        completionTokens: 12,
        quota: 34,
        requestId: reservation.requestId,
      },
    ]);
    const metrics = createCounterMetrics();
    const later = createLedger({
      store: current(),
      prices: createTestPrices(),
      metrics,
      staleReservationMs: HOUR,
      now: () => start + 2 * HOUR,
    });
    expect(await later.recover()).toEqual({ settled: 1, released: 0 });
    expect(await readBalances(current(), account)).toMatchObject({
      quota: 966,
      usedQuota: 34,
      requestCount: 1,
      remainQuota: 966,
    });
    expect(await current().repositories.logs.listByRequestId(reservation.requestId)).toHaveLength(
      1,
    );
    expect(metrics.get('reservations_recovered_settled')).toBe(1);
  });

  it('recovers each reservation once when several instances recover at the same time', async () => {
    const start = atTime();
    const crashed = await Promise.all(Array.from({ length: 6 }, () => reserveThenCrash(start)));
    const instances = Array.from({ length: 3 }, () =>
      createLedger({
        store: current(),
        prices: createTestPrices(),
        staleReservationMs: HOUR,
        now: () => start + 2 * HOUR,
      }),
    );
    const reports = await Promise.all(instances.map((instance) => instance.recover()));
    expect(reports.reduce((total, report) => total + report.released, 0)).toBe(6);
    for (const { account } of crashed) {
      expect(await readBalances(current(), account)).toMatchObject({ quota: 1_000 });
    }
  });

  it('a settle that arrives after recovery changes nothing', async () => {
    const start = atTime();
    const { account, reservation } = await reserveThenCrash(start);
    const later = createLedger({
      store: current(),
      prices: createTestPrices(),
      staleReservationMs: HOUR,
      now: () => start + 2 * HOUR,
    });
    await later.recover();
    expect(
      await later.settle(reservation, {
        channelId: null,
        usage: { promptTokens: 10, completionTokens: 1 },
      }),
    ).toEqual({ outcome: 'already_closed', state: 'released' });
    expect(await readBalances(current(), account)).toMatchObject({ quota: 1_000 });
  });
});
