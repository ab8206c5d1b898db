import type { LedgerStore } from '../ports';
import { applyAdjustment } from './top-up';

/** One API's invite options: quota for the inviter and for the new user. 0 disables either. */
export interface InviteRewardOptions {
  readonly inviterQuota: number;
  readonly inviteeQuota: number;
}

/**
 * Credits both sides of an invitation once per invitee, in one transaction. The
 * idempotency keys are derived from the invitee, so a retried sign-up credits nothing more.
 */
export async function rewardInvite(
  store: LedgerStore,
  input: { readonly inviterId: number; readonly inviteeId: number },
  options: InviteRewardOptions,
  now = Date.now(),
): Promise<{ readonly rewarded: boolean }> {
  const rewards = [
    { userId: input.inviterId, amount: options.inviterQuota, role: 'inviter' },
    { userId: input.inviteeId, amount: options.inviteeQuota, role: 'invitee' },
  ].filter((reward) => reward.amount > 0);
  if (rewards.length === 0) return { rewarded: false };
  try {
    await store.transaction(async (repositories) => {
      for (const reward of rewards) {
        await applyAdjustment(
          repositories,
          {
            idempotencyKey: `invite:${input.inviteeId}:${reward.role}`,
            userId: reward.userId,
            amount: reward.amount,
            reason: `Invitation reward (${reward.role})`,
            actorId: null,
          },
          now,
        );
      }
    });
    return { rewarded: true };
  } catch (error) {
    if (store.isDuplicateKey(error)) return { rewarded: false };
    throw error;
  }
}
