import type { QuotaAdjustmentRow } from '../schema';
import { type Executor, insertReturningId } from './executor';

export type QuotaAdjustment = QuotaAdjustmentRow;

export interface NewQuotaAdjustment {
  readonly idempotencyKey: string;
  readonly userId: number;
  readonly amount: number;
  readonly reason: string;
  readonly actorId: number | null;
}

export function createQuotaAdjustmentsRepository(executor: Executor) {
  const { db } = executor;
  return {
    /**
     * Records an adjustment. The idempotency key is unique: a concurrent second insert of
     * the same key fails, and the caller then reads the first with `findByKey`.
     */
    async create(adjustment: NewQuotaAdjustment, now = Date.now()): Promise<number> {
      return insertReturningId(
        executor,
        db.insertInto('quotaAdjustments').values({ ...adjustment, createdAt: now }),
      );
    },

    findByKey: (idempotencyKey: string) =>
      db
        .selectFrom('quotaAdjustments')
        .selectAll()
        .where('idempotencyKey', '=', idempotencyKey)
        .executeTakeFirst(),

    listForUser: (userId: number, limit = 100) =>
      db
        .selectFrom('quotaAdjustments')
        .selectAll()
        .where('userId', '=', userId)
        .orderBy('id', 'desc')
        .limit(limit)
        .execute(),
  };
}

export type QuotaAdjustmentsRepository = ReturnType<typeof createQuotaAdjustmentsRepository>;
