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
