import type { QuotaReservationRow } from '../schema';
import { changedRows, compileOnce } from './compile-once';
import type { Executor } from './executor';

export type QuotaReservation = QuotaReservationRow;

export interface NewQuotaReservation {
  readonly requestId: string;
  readonly tokenId: number | null;
  readonly userId: number;
  readonly amount: number;
  /** The gateway run holding it (its instance lease); absent: recovered by age only. */
  readonly instanceId?: string | null;
}

// Each relayed request opens and closes one: compiled once (compile-once.ts).
const insertOpen = compileOnce(
  6,
  (
    { db },
    requestId: string,
    tokenId: number | null,
    userId: number,
    amount: number,
    now: number,
    instanceId: string | null,
  ) =>
    db.insertInto('quotaReservations').values({
      requestId,
      tokenId,
      userId,
      amount,
      state: 'open',
      charged: null,
      createdAt: now,
      resolvedAt: null,
      instanceId,
    }),
);
const closeOpen = compileOnce(
  4,
  ({ db }, requestId: string, state: 'settled' | 'released', charged: number, now: number) =>
    db
      .updateTable('quotaReservations')
      .set({ state, charged, resolvedAt: now })
      .where('requestId', '=', requestId)
      .where('state', '=', 'open'),
);

export function createQuotaReservationsRepository(executor: Executor) {
  const { db } = executor;
  return {
    /** Records an open reservation; a second one with the same request id fails (unique key). */
    async create(reservation: NewQuotaReservation, now = Date.now()): Promise<void> {
      const { requestId, tokenId, userId, amount } = reservation;
      const instanceId = reservation.instanceId ?? null;
      await insertOpen(executor, requestId, tokenId, userId, amount, now, instanceId);
    },

    findByRequestId: (requestId: string) =>
      db
        .selectFrom('quotaReservations')
        .selectAll()
        .where('requestId', '=', requestId)
        .executeTakeFirst(),

    /**
     * Closes an open reservation as settled (with what was charged) or released (nothing).
     * Only the first close takes effect: false means it was already closed, so a repeated
     * settlement changes nothing.
     */
    async close(
      requestId: string,
      outcome: { state: 'settled'; charged: number } | { state: 'released' },
      now = Date.now(),
    ): Promise<boolean> {
      const charged = outcome.state === 'settled' ? outcome.charged : 0;
      return changedRows(await closeOpen(executor, requestId, outcome.state, charged, now)) === 1;
    },

    /** Open reservations created before `cutoff`, oldest first: leftovers of crashed instances. */
    listOpenBefore: (cutoff: number, limit = 100) =>
      db
        .selectFrom('quotaReservations')
        .selectAll()
        .where('state', '=', 'open')
        .where('createdAt', '<', cutoff)
        .orderBy('createdAt')
        .limit(limit)
        .execute(),

    /**
     * Open reservations held by instances that have no lease any more (taken for dead by
     * `instanceLeases.takeExpired`), oldest first. Rows without an instance are not listed.
     */
    listOpenOfLapsedInstances: (limit = 100) =>
      db
        .selectFrom('quotaReservations')
        .leftJoin('instanceLeases', 'instanceLeases.id', 'quotaReservations.instanceId')
        .selectAll('quotaReservations')
        .where('quotaReservations.state', '=', 'open')
        .where('quotaReservations.instanceId', 'is not', null)
        .where('instanceLeases.id', 'is', null)
        .orderBy('quotaReservations.createdAt')
        .limit(limit)
        .execute(),

    /** Total quota held by open reservations of a user (or of every user). */
    async sumOpen(userId?: number): Promise<number> {
      let query = db
        .selectFrom('quotaReservations')
        .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount'), eb.lit(0)).as('total'))
        .where('state', '=', 'open');
      if (userId !== undefined) query = query.where('userId', '=', userId);
      const row = await query.executeTakeFirstOrThrow();
      return Number(row.total);
    },

    async countOpen(): Promise<number> {
      const row = await db
        .selectFrom('quotaReservations')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('state', '=', 'open')
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },
  };
}

export type QuotaReservationsRepository = ReturnType<typeof createQuotaReservationsRepository>;
