import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/describe-each-database';
import { isUniqueViolation } from './executor';
import { createTestToken, createTestUser } from './testing/test-fixtures';

describeEachDatabase('quota reservations and adjustments', (current) => {
  it('closes a reservation once: a repeated settlement changes nothing', async () => {
    const { repositories } = current();
    const user = await createTestUser(repositories);
    const token = await createTestToken(repositories, user.id);
    const requestId = `req-${Math.random().toString(36).slice(2)}`;
    await repositories.quotaReservations.create(
      { requestId, tokenId: token.id, userId: user.id, amount: 500 },
      1_000,
    );
    await expect(
      repositories.quotaReservations.create({
        requestId,
        tokenId: null,
        userId: user.id,
        amount: 1,
      }),
    ).rejects.toSatisfy(isUniqueViolation);
    expect(await repositories.quotaReservations.sumOpen(user.id)).toBe(500);

    expect(
      await repositories.quotaReservations.close(
        requestId,
        { state: 'settled', charged: 320 },
        2_000,
      ),
    ).toBe(true);
    expect(await repositories.quotaReservations.close(requestId, { state: 'released' })).toBe(
      false,
    );
    expect(await repositories.quotaReservations.findByRequestId(requestId)).toMatchObject({
      state: 'settled',
      charged: 320,
      resolvedAt: 2_000,
    });
    expect(await repositories.quotaReservations.sumOpen(user.id)).toBe(0);
  });

  it('lists only open reservations older than the cutoff, oldest first', async () => {
    const { repositories } = current();
    const user = await createTestUser(repositories);
    const id = () => `r-${Math.random().toString(36).slice(2)}`;
    const [old, older, recent, closed] = [id(), id(), id(), id()];
    await repositories.quotaReservations.create(
      { requestId: old, tokenId: null, userId: user.id, amount: 1 },
      200,
    );
    await repositories.quotaReservations.create(
      { requestId: older, tokenId: null, userId: user.id, amount: 1 },
      100,
    );
    await repositories.quotaReservations.create(
      { requestId: recent, tokenId: null, userId: user.id, amount: 1 },
      9_999_999_999_999,
    );
    await repositories.quotaReservations.create(
      { requestId: closed, tokenId: null, userId: user.id, amount: 1 },
      50,
    );
    await repositories.quotaReservations.close(closed, { state: 'released' });
    const stale = await repositories.quotaReservations.listOpenBefore(1_000);
    expect(stale.map((r) => r.requestId)).toEqual([older, old]);
    expect(await repositories.quotaReservations.countOpen()).toBeGreaterThanOrEqual(3);
  });

  it('deletes closed reservations older than the cutoff in bounded batches, never open ones', async () => {
    const { repositories } = current();
    const user = await createTestUser(repositories);
    const create = async (createdAt: number, close?: 'settled' | 'released') => {
      const requestId = `d-${Math.random().toString(36).slice(2)}`;
      await repositories.quotaReservations.create(
        { requestId, tokenId: null, userId: user.id, amount: 5 },
        createdAt,
      );
      if (close === 'settled')
        await repositories.quotaReservations.close(requestId, { state: 'settled', charged: 3 });
      if (close === 'released')
        await repositories.quotaReservations.close(requestId, { state: 'released' });
      return requestId;
    };
    // Times below every other test's, so the cutoff of 15 reaches only these rows.
    const deleted = [
      await create(10, 'settled'),
      await create(11, 'released'),
      await create(12, 'settled'),
    ];
    const openOld = await create(13);
    const closedAfterCutoff = await create(15, 'settled');

    expect(await repositories.quotaReservations.deleteClosedBefore(15, 2)).toBe(2);
    expect(await repositories.quotaReservations.deleteClosedBefore(15, 2)).toBe(1);
    expect(await repositories.quotaReservations.deleteClosedBefore(15, 2)).toBe(0);
    for (const requestId of deleted)
      expect(await repositories.quotaReservations.findByRequestId(requestId)).toBeUndefined();
    expect(await repositories.quotaReservations.findByRequestId(openOld)).toMatchObject({
      state: 'open',
    });
    expect(await repositories.quotaReservations.findByRequestId(closedAfterCutoff)).toMatchObject({
      state: 'settled',
    });
  });

  it('keeps one adjustment per idempotency key', async () => {
    const { repositories } = current();
    const user = await createTestUser(repositories);
    const idempotencyKey = `k-${Math.random().toString(36).slice(2)}`;
    const adjustment = {
      idempotencyKey,
      userId: user.id,
      amount: -250,
      reason: 'refund',
      actorId: null,
    };
    const id = await repositories.quotaAdjustments.create(adjustment);
    await expect(repositories.quotaAdjustments.create(adjustment)).rejects.toSatisfy(
      isUniqueViolation,
    );
    expect(await repositories.quotaAdjustments.findByKey(idempotencyKey)).toMatchObject({
      id,
      amount: -250,
    });
    expect(await repositories.quotaAdjustments.listForUser(user.id)).toHaveLength(1);
  });

  it('opens, locks and closes many reservations in one statement each', async () => {
    const storage = current();
    const user = await createTestUser(storage.repositories, { quota: 100 });
    const ids = ['a', 'b', 'c'].map(
      (label) => `many-${label}-${Math.random().toString(36).slice(2)}`,
    );
    const [a, b, c] = ids as [string, string, string];
    await storage.repositories.quotaReservations.createMany(
      ids.map((requestId, index) => ({
        requestId,
        tokenId: null,
        userId: user.id,
        amount: 10 * (index + 1),
      })),
      1_000,
    );
    // A taken id fails the whole INSERT: the new row beside it is not written either.
    const fresh = `many-fresh-${Math.random().toString(36).slice(2)}`;
    await expect(
      storage.repositories.quotaReservations.createMany([
        { requestId: fresh, tokenId: null, userId: user.id, amount: 1 },
        { requestId: a, tokenId: null, userId: user.id, amount: 1 },
      ]),
    ).rejects.toSatisfy(isUniqueViolation);
    expect(await storage.repositories.quotaReservations.findByRequestId(fresh)).toBeUndefined();
    expect(await storage.repositories.quotaReservations.sumOpen(user.id)).toBe(60);

    await storage.repositories.quotaReservations.close(c, { state: 'released' }, 1_500);
    const closed = await storage.transaction(async (repositories) => {
      const locked = await repositories.quotaReservations.lockMany([...ids, 'missing']);
      expect(locked.map((row) => [row.requestId, row.state]).sort()).toEqual(
        [
          [a, 'open'],
          [b, 'open'],
          [c, 'released'],
        ].sort(),
      );
      return repositories.quotaReservations.closeMany([
        { requestId: a, outcome: { state: 'settled', charged: 7 }, now: 2_000 },
        { requestId: b, outcome: { state: 'released' }, now: 3_000 },
        { requestId: c, outcome: { state: 'settled', charged: 9 }, now: 4_000 },
      ]);
    });
    expect(closed).toBe(2);
    const rows = await Promise.all(
      ids.map((id) => storage.repositories.quotaReservations.findByRequestId(id)),
    );
    expect(rows.map((row) => [row?.state, row?.charged, row?.resolvedAt])).toEqual([
      ['settled', 7, 2_000],
      ['released', 0, 3_000],
      ['released', 0, 1_500],
    ]);
  });

  it('draws charges out of an open reservation, below zero if need be, never out of a closed one', async () => {
    const storage = current();
    const user = await createTestUser(storage.repositories, { quota: 100 });
    const requestId = `grant-${Math.random().toString(36).slice(2)}`;
    const { quotaReservations } = storage.repositories;
    await quotaReservations.create({ requestId, tokenId: null, userId: user.id, amount: 50 });
    expect(await quotaReservations.drawDown(requestId, 20)).toBe(true);
    // An over-report is charged in full: the grant's rest goes negative, its owner pays it.
    expect(await quotaReservations.drawDown(requestId, 45)).toBe(true);
    expect(await quotaReservations.findByRequestId(requestId)).toMatchObject({
      amount: -15,
      state: 'open',
    });
    await quotaReservations.close(requestId, { state: 'released' });
    expect(await quotaReservations.drawDown(requestId, 1)).toBe(false);
    expect(await quotaReservations.drawDown('missing', 1)).toBe(false);
    expect((await quotaReservations.findByRequestId(requestId))?.amount).toBe(-15);
  });

  it('rolls a failed transaction back whole', async () => {
    const storage = current();
    const user = await createTestUser(storage.repositories, { quota: 100 });
    await expect(
      storage.transaction(async (repositories) => {
        await repositories.users.debitQuota(user.id, 40);
        throw new Error('upstream failed');
      }),
    ).rejects.toThrow('upstream failed');
    expect((await storage.repositories.users.findById(user.id))?.quota).toBe(100);
  });
});
