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

// Instance leases: a dead instance's holds are recovered as soon as its lease lapses, long
// before STALE_RESERVATION_TIMEOUT, and a live instance's holds are never touched.
describeEachDatabase('recovery of lapsed instances', (current) => {
  const startInstance = async (leaseMs: number) => {
    const id = uniqueId('instance');
    await current().repositories.instanceLeases.register({ id, host: 'test', pid: 1 }, leaseMs);
    const metrics = createCounterMetrics();
    const ledger = createLedger({
      store: current(),
      prices: createTestPrices(),
      metrics,
      staleReservationMs: HOUR,
      instanceId: () => id,
    });
    return { id, ledger, metrics };
  };
  const reserveOn = async (ledger: ReturnType<typeof createLedger>) => {
    const account = await createTestAccount(current(), { userQuota: 1_000, tokenQuota: 1_000 });
    const reservation = await ledger.reserve({
      requestId: uniqueId('held'),
      ...account,
      model: TEST_MODEL,
      group: 'default',
      promptTokens: 10,
      maxTokens: 100,
    });
    return { account, reservation };
  };

  it("settles or releases a lapsed instance's holds at once and leaves a live one's open", async () => {
    const survivor = await startInstance(60_000);
    // A lease that lapsed the moment it was written: an instance killed long enough ago.
    const dead = await startInstance(-1_000);
    const live = await reserveOn(survivor.ledger);
    const cut = await reserveOn(dead.ledger);
    const logged = await reserveOn(dead.ledger);
    // The dead instance had logged one request before it died; the other had no output.
    await current().repositories.logs.insertMany([
      {
        type: 'consume',
        userId: logged.account.userId,
        tokenId: logged.account.tokenId,
        model: TEST_MODEL,
        promptTokens: 10,
        completionTokens: 5,
        quota: 25,
        requestId: logged.reservation.requestId,
      },
    ]);
    expect(await readBalances(current(), cut.account)).toMatchObject({ quota: 790 });

    expect(await survivor.ledger.recover()).toEqual({ settled: 1, released: 1 });
    expect(survivor.metrics.get('instance_leases_taken')).toBeGreaterThanOrEqual(1);
    expect(await readBalances(current(), cut.account)).toMatchObject({
      quota: 1_000,
      remainQuota: 1_000,
    });
    expect(await readBalances(current(), logged.account)).toMatchObject({
      quota: 975,
      usedQuota: 25,
    });
    const { repositories } = current();
    expect(
      await repositories.quotaReservations.findByRequestId(live.reservation.requestId),
    ).toMatchObject({ state: 'open', instanceId: survivor.id });
    expect(await readBalances(current(), live.account)).toMatchObject({ quota: 790 });
    const { leases } = await repositories.instanceLeases.list();
    expect(leases.map((lease) => lease.id)).toContain(survivor.id);
    expect(leases.map((lease) => lease.id)).not.toContain(dead.id);

    // The survivor's own request ends normally.
    await survivor.ledger.settle(live.reservation, {
      channelId: null,
      usage: { promptTokens: 10, completionTokens: 1 },
    });
    expect(await readBalances(current(), live.account)).toMatchObject({ quota: 988 });
  });

  it('keeps the holds of an instance that renewed its lease after it lapsed', async () => {
    const survivor = await startInstance(60_000);
    const paused = await startInstance(-1_000);
    const held = await reserveOn(paused.ledger);
    // Back from a pause before anyone took its lease: it is alive again.
    expect(await current().repositories.instanceLeases.renew(paused.id, 60_000)).toBe(true);
    await survivor.ledger.recover();
    expect(
      await current().repositories.quotaReservations.findByRequestId(held.reservation.requestId),
    ).toMatchObject({ state: 'open' });
  });

  it('recovers each hold once when several survivors recover at the same time', async () => {
    const survivors = await Promise.all([startInstance(60_000), startInstance(60_000)]);
    const dead = await startInstance(-1_000);
    const held = await Promise.all(Array.from({ length: 5 }, () => reserveOn(dead.ledger)));
    const reports = await Promise.all(survivors.map((survivor) => survivor.ledger.recover()));
    expect(reports.reduce((total, report) => total + report.released, 0)).toBe(5);
    for (const { account } of held)
      expect(await readBalances(current(), account)).toMatchObject({ quota: 1_000 });
  });
});
