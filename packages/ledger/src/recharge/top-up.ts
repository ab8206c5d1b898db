import { LedgerError } from '../ledger-error';
import type { LedgerRepositories, LedgerStore } from '../ports';

export interface TopUpInput {
  /** Unique per intended change: a retry with the same key does nothing more. */
  readonly idempotencyKey: string;
  readonly userId: number;
  /** Signed quota: positive credits; negative takes back, never below zero. */
  readonly amount: number;
  readonly reason: string;
  readonly actorId: number | null;
}

export type TopUpResult = { readonly applied: boolean; readonly adjustmentId: number };

/**
 * An admin quota change, applied once per idempotency key. A replay with the same key and
 * the same user and amount returns the first result (`applied: false`); with different
 * values it is an `idempotency_conflict`. A negative amount larger than the balance is
 * `insufficient_quota`.
 */
export async function topUp(
  store: LedgerStore,
  input: TopUpInput,
  now = Date.now(),
): Promise<TopUpResult> {
  if (!Number.isSafeInteger(input.amount)) {
    throw new LedgerError('invalid_amount', `amount must be a whole quota, got ${input.amount}`);
  }
  try {
    const adjustmentId = await store.transaction((repositories) =>
      applyAdjustment(repositories, input, now),
    );
    return { applied: true, adjustmentId };
  } catch (error) {
    if (!store.isDuplicateKey(error)) throw error;
    // The key is taken. Read it in a new transaction: PostgreSQL aborts the one that failed.
    const existing = await store.transaction((repositories) =>
      repositories.quotaAdjustments.findByKey(input.idempotencyKey),
    );
    if (!existing || existing.userId !== input.userId || existing.amount !== input.amount) {
      throw new LedgerError(
        'idempotency_conflict',
        `The idempotency key ${input.idempotencyKey} was already used for a different change`,
        { cause: error },
      );
    }
    return { applied: false, adjustmentId: existing.id };
  }
}

/** Records the adjustment (unique key first, so a replay fails before any balance moves). */
export async function applyAdjustment(
  repositories: LedgerRepositories,
  input: TopUpInput,
  now: number,
): Promise<number> {
  const id = await repositories.quotaAdjustments.create(
    {
      idempotencyKey: input.idempotencyKey,
      userId: input.userId,
      amount: input.amount,
      reason: input.reason,
      actorId: input.actorId,
    },
    now,
  );
  if (input.amount >= 0) {
    await repositories.users.applyQuotaChange(input.userId, { quota: input.amount });
  } else if (!(await repositories.users.debitQuota(input.userId, -input.amount))) {
    throw new LedgerError('insufficient_quota', 'The user has less quota than the amount to take');
  }
  await repositories.logs.insertMany(
    [
      {
        type: input.amount >= 0 ? 'topup' : 'manage',
        createdAt: now,
        userId: input.userId,
        quota: input.amount,
        content: input.reason,
      },
    ],
    now,
  );
  return id;
}
