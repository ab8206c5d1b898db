import { sql } from 'kysely';
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

/** How one reservation of a batch is closed, and when. */
export interface ReservationClose {
  readonly requestId: string;
  readonly outcome: { state: 'settled'; charged: number } | { state: 'released' };
  readonly now: number;
}

export function createQuotaReservationsRepository(executor: Executor) {
  const { db, dialect } = executor;
  // A CASE over the batch's request ids; integers cast so PostgreSQL does not read text.
  const caseOf = (
    closes: readonly ReservationClose[],
    value: (close: ReservationClose) => unknown,
  ) =>
    sql`case ${sql.ref('requestId')} ${sql.join(
      closes.map(
        (close) =>
          sql`when ${close.requestId} then ${typeof value(close) === 'number' && dialect !== 'mysql' ? sql`cast(${value(close)} as bigint)` : value(close)}`,
      ),
      sql` `,
    )} end`;
  return {
    /** Records an open reservation; a second one with the same request id fails (unique key). */
    async create(reservation: NewQuotaReservation, now = Date.now()): Promise<void> {
      const { requestId, tokenId, userId, amount } = reservation;
      const instanceId = reservation.instanceId ?? null;
      await insertOpen(executor, requestId, tokenId, userId, amount, now, instanceId);
    },

    /** Several open reservations in one INSERT; a taken request id fails them all. */
    async createMany(
      reservations: readonly NewQuotaReservation[],
      now = Date.now(),
    ): Promise<void> {
      if (reservations.length === 0) return;
      await db
        .insertInto('quotaReservations')
        .values(
          reservations.map((reservation) => ({
            requestId: reservation.requestId,
            tokenId: reservation.tokenId,
            userId: reservation.userId,
            amount: reservation.amount,
            state: 'open' as const,
            charged: null,
            createdAt: now,
            resolvedAt: null,
            instanceId: reservation.instanceId ?? null,
          })),
        )
        .execute();
    },

    /**
     * The reservations with these request ids, locked until the transaction ends, so that
     * a `closeMany` after it closes exactly those read as open. SQLite has one writer and
     * no FOR UPDATE: its write transaction already excludes every other.
     */
    lockMany(requestIds: readonly string[]): Promise<QuotaReservation[]> {
      if (requestIds.length === 0) return Promise.resolve([]);
      const query = db
        .selectFrom('quotaReservations')
        .selectAll()
        .where('requestId', 'in', requestIds);
      return (dialect === 'sqlite' ? query : query.forUpdate()).execute();
    },

    /**
     * Closes several reservations in one UPDATE, each with its own outcome and time; only
     * open ones change. Returns how many were closed.
     */
    async closeMany(closes: readonly ReservationClose[]): Promise<number> {
      if (closes.length === 0) return 0;
      const result = await db
        .updateTable('quotaReservations')
        .set({
          state: caseOf(closes, (close) => close.outcome.state) as never,
          charged: caseOf(closes, (close) =>
            close.outcome.state === 'settled' ? close.outcome.charged : 0,
          ) as never,
          resolvedAt: caseOf(closes, (close) => close.now) as never,
        })
        .where(
          'requestId',
          'in',
          closes.map((close) => close.requestId),
        )
        .where('state', '=', 'open')
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
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
