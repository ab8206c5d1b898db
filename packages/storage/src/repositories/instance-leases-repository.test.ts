import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/describe-each-database';
import { createTestUser } from './testing/test-fixtures';

describeEachDatabase('instance leases', (current) => {
  const lease = () => ({ id: randomUUID(), host: 'test-host', pid: 4242 });

  it('registers and renews on the database clock, and takes only lapsed leases', async () => {
    const { instanceLeases } = current().repositories;
    const live = lease();
    const lapsed = lease();
    await instanceLeases.register(live, 60_000);
    // A negative lease has lapsed the moment it is written, whatever the clocks say.
    await instanceLeases.register(lapsed, -1_000);

    const { leases, now } = await instanceLeases.list();
    const mine = leases.filter((row) => row.id === live.id || row.id === lapsed.id);
    expect(mine.map((row) => row.id).sort()).toEqual([live.id, lapsed.id].sort());
    const liveRow = mine.find((row) => row.id === live.id)!;
    expect(liveRow).toMatchObject({ host: 'test-host', pid: 4242 });
    // Written a moment ago by the database's own clock.
    expect(Math.abs(liveRow.startedAt - now)).toBeLessThan(5_000);
    // clock_timestamp() moves within a statement on PostgreSQL: a few ms either way.
    expect(liveRow.leaseUntil - liveRow.startedAt).toBeGreaterThanOrEqual(60_000);
    expect(liveRow.leaseUntil - liveRow.startedAt).toBeLessThan(61_000);

    const taken = await instanceLeases.takeExpired();
    expect(taken).toContain(lapsed.id);
    expect(taken).not.toContain(live.id);
    // Taken once: a second survivor finds nothing left to take.
    expect(await instanceLeases.takeExpired()).not.toContain(lapsed.id);

    expect(await instanceLeases.renew(live.id, 60_000)).toBe(true);
    // The taken lease's owner learns it was taken for dead.
    expect(await instanceLeases.renew(lapsed.id, 60_000)).toBe(false);
    expect(await instanceLeases.remove(live.id)).toBe(true);
    expect(await instanceLeases.remove(live.id)).toBe(false);
  });

  it('keeps a lease renewed after it lapsed', async () => {
    const { instanceLeases } = current().repositories;
    const paused = lease();
    await instanceLeases.register(paused, -1_000);
    expect(await instanceLeases.renew(paused.id, 60_000)).toBe(true);
    expect(await instanceLeases.takeExpired()).not.toContain(paused.id);
    await instanceLeases.remove(paused.id);
  });

  it('lists the open reservations of lapsed instances only', async () => {
    const { repositories } = current();
    const user = await createTestUser(repositories);
    const live = lease();
    const dead = lease();
    await repositories.instanceLeases.register(live, 60_000);
    await repositories.instanceLeases.register(dead, -1_000);
    const id = () => `r-${randomUUID()}`;
    const reserve = (requestId: string, instanceId: string | null) =>
      repositories.quotaReservations.create(
        { requestId, tokenId: null, userId: user.id, amount: 7, instanceId },
        1_000,
      );
    const [ofLive, ofDead, ofDeadClosed, ofNobody] = [id(), id(), id(), id()];
    await reserve(ofLive, live.id);
    await reserve(ofDead, dead.id);
    await reserve(ofDeadClosed, dead.id);
    await reserve(ofNobody, null);
    await repositories.quotaReservations.close(ofDeadClosed, { state: 'released' });

    const ids = async () =>
      (await repositories.quotaReservations.listOpenOfLapsedInstances()).map(
        (row) => row.requestId,
      );
    // Lapsed but not yet taken: the lease row still stands, so nothing is listed yet.
    expect(await ids()).toEqual([]);
    expect(await repositories.instanceLeases.takeExpired()).toContain(dead.id);
    expect(await ids()).toEqual([ofDead]);
    expect(await repositories.quotaReservations.findByRequestId(ofLive)).toMatchObject({
      instanceId: live.id,
      state: 'open',
    });
    await repositories.instanceLeases.remove(live.id);
  });
});
