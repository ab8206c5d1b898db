import { describeEachDatabase } from '@oneapi/storage/testing/vitest';
import { expect, it } from 'vitest';
import { createTestAccount, readBalances, uniqueId } from '../testing/ledger-fixtures';
import { rewardInvite } from './invite-rewards';
import { topUp } from './top-up';

describeEachDatabase('admin top-ups and invite rewards', (current) => {
  it('applies a top-up once per idempotency key, even when retried concurrently', async () => {
    const account = await createTestAccount(current(), { userQuota: 100 });
    const input = {
      idempotencyKey: uniqueId('topup'),
      userId: account.userId,
      amount: 1_000,
      reason: 'invoice 42',
      actorId: null,
    };
    const results = await Promise.all(Array.from({ length: 5 }, () => topUp(current(), input)));
    expect(results.filter((result) => result.applied)).toHaveLength(1);
    expect(new Set(results.map((result) => result.adjustmentId)).size).toBe(1);
    expect(await readBalances(current(), account)).toMatchObject({ quota: 1_100 });
  });

  it('refuses a reused key with a different amount', async () => {
    const account = await createTestAccount(current(), { userQuota: 0 });
    const idempotencyKey = uniqueId('topup');
    await topUp(current(), {
      idempotencyKey,
      userId: account.userId,
      amount: 5,
      reason: 'a',
      actorId: 1,
    });
    await expect(
      topUp(current(), {
        idempotencyKey,
        userId: account.userId,
        amount: 6,
        reason: 'a',
        actorId: 1,
      }),
    ).rejects.toMatchObject({ code: 'idempotency_conflict', status: 409 });
    expect(await readBalances(current(), account)).toMatchObject({ quota: 5 });
  });

  it('takes quota back only as far as the balance goes', async () => {
    const account = await createTestAccount(current(), { userQuota: 50 });
    const take = (amount: number) =>
      topUp(current(), {
        idempotencyKey: uniqueId('take'),
        userId: account.userId,
        amount,
        reason: 'refund',
        actorId: null,
      });
    await expect(take(-80)).rejects.toMatchObject({ code: 'insufficient_quota' });
    await take(-30);
    expect(await readBalances(current(), account)).toMatchObject({ quota: 20 });
  });

  it('rewards an invitation once for the inviter and the invitee', async () => {
    const inviter = await createTestAccount(current(), { userQuota: 0 });
    const invitee = await createTestAccount(current(), { userQuota: 0 });
    const input = { inviterId: inviter.userId, inviteeId: invitee.userId };
    const options = { inviterQuota: 300, inviteeQuota: 100 };
    expect(await rewardInvite(current(), input, options)).toEqual({ rewarded: true });
    expect(await rewardInvite(current(), input, options)).toEqual({ rewarded: false });
    expect(await readBalances(current(), inviter)).toMatchObject({ quota: 300 });
    expect(await readBalances(current(), invitee)).toMatchObject({ quota: 100 });
    expect(await rewardInvite(current(), input, { inviterQuota: 0, inviteeQuota: 0 })).toEqual({
      rewarded: false,
    });
  });
});
