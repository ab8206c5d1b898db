import { sql } from 'kysely';
import type { QuotaReservationRow } from '../schema';
import { changedRows, compileOnce, compileOncePerCount } from './compile-once';
import { affectedRows, type Executor } from './executor';

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

// A grant's draw (the ledger's escrow grants): a charge leaves the grant's reservation, the
// rest of it stays held. State wrapped as in closeOpenMany, so the request id's index serves.
const drawOpen = compileOnce(2, ({ db }, requestId: string, amount: number) =>
  db
    .updateTable('quotaReservations')
    .set((eb) => ({ amount: eb('amount', '-', amount) }))
    .where('requestId', '=', requestId)
    .where(sql`coalesce(${sql.ref('state')}, '')`, '=', 'open'),
);

/** How one reservation of a batch is closed, and when. */
export interface ReservationClose {
  readonly requestId: string;
  readonly outcome: { state: 'settled'; charged: number } | { state: 'released' };
  readonly now: number;
}

// The batch statements of the ledger's group commit, compiled once per batch size.
const RESERVATION_COLUMNS = [
  'requestId',
  'tokenId',
  'userId',
  'amount',
  'createdAt',
  'instanceId',
] as const;
const insertOpenMany = compileOncePerCount(RESERVATION_COLUMNS.length, ({ db }, items) =>
  db.insertInto('quotaReservations').values(
    items.map((item) => ({
      ...(Object.fromEntries(
        RESERVATION_COLUMNS.map((column, index) => [column, item[index]]),
      ) as Pick<QuotaReservationRow, (typeof RESERVATION_COLUMNS)[number]>),
      state: 'open' as const,
      charged: null,
      resolvedAt: null,
    })),
  ),
);
const selectForUpdate = compileOncePerCount(1, ({ db, dialect }, items) => {
  const query = db
    .selectFrom('quotaReservations')
    .selectAll()
    .where(
      'requestId',
      'in',
      items.map((item) => item[0] as string),
    );
  // SQLite has one writer and no FOR UPDATE: its write transaction excludes every other.
  return dialect === 'sqlite' ? query : query.forUpdate();
});
const closeOpenMany = compileOncePerCount(4, ({ db, dialect }, items) => {
  // A CASE over the batch's request ids; numbers cast, or PostgreSQL reads them as text.
  const caseOf = (index: number, cast: boolean) =>
    sql`case ${sql.ref('requestId')} ${sql.join(
      items.map((item) =>
        cast && dialect !== 'mysql'
          ? sql`when ${item[0]} then cast(${item[index]} as bigint)`
          : sql`when ${item[0]} then ${item[index]}`,
      ),
      sql` `,
    )} end`;
  return (
    db
      .updateTable('quotaReservations')
      .set({
        state: caseOf(1, false) as never,
        charged: caseOf(2, true) as never,
        resolvedAt: caseOf(3, true) as never,
      })
      .where(
        'requestId',
        'in',
        items.map((item) => item[0] as string),
      )
      // Found by the request id's unique index. Left bare, the state test lets SQLite and
      // PostgreSQL walk the (state, created_at) index through every open row in the table;
      // wrapped in coalesce (a no-op: state is never null) no index can serve it.
      .where(sql`coalesce(${sql.ref('state')}, '')`, '=', 'open')
  );
});

export function createQuotaReservationsRepository(executor: Executor) {
  const { db } = executor;
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
      await insertOpenMany(
        executor,
        reservations.map((reservation) => [
          reservation.requestId,
          reservation.tokenId,
          reservation.userId,
          reservation.amount,
          now,
          reservation.instanceId ?? null,
        ]),
      );
    },

    /**
     * The reservations with these request ids, locked until the transaction ends, so that
     * a `closeMany` after it closes exactly those read as open.
     */
    async lockMany(requestIds: readonly string[]): Promise<QuotaReservation[]> {
      if (requestIds.length === 0) return [];
      const result = await selectForUpdate(
        executor,
        requestIds.map((requestId) => [requestId]),
      );
      return result.rows as QuotaReservation[];
    },

    /**
     * Closes several reservations in one UPDATE, each with its own outcome and time; only
     * open ones change. Returns how many were closed.
     */
    async closeMany(closes: readonly ReservationClose[]): Promise<number> {
      if (closes.length === 0) return 0;
      const result = await closeOpenMany(
        executor,
        closes.map(({ requestId, outcome, now }) => [
          requestId,
          outcome.state,
          outcome.state === 'settled' ? outcome.charged : 0,
          now,
        ]),
      );
      return changedRows(result);
    },

    /**
     * Takes `amount` out of an open reservation, which stays open with the rest: a charge
     * against a quota grant (a reservation that many requests draw on). False, and nothing
     * written, when the reservation is closed or missing.
     */
    async drawDown(requestId: string, amount: number): Promise<boolean> {
      return changedRows(await drawOpen(executor, requestId, amount)) === 1;
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

    /**
     * Deletes up to `batchSize` closed reservations created before `cutoff`; returns how
     * many. A closed reservation only answers a second settlement of its request
     * (`already_closed`), so it need not outlive its request by long, and without this every
     * request ever relayed would keep a row here under five indexes. Found through the
     * (state, created_at) index; a select and a delete, each bounded by the batch.
     */
    async deleteClosedBefore(cutoff: number, batchSize = 1_000): Promise<number> {
      const rows = await db
        .selectFrom('quotaReservations')
        .select('id')
        .where('state', 'in', ['settled', 'released'])
        .where('createdAt', '<', cutoff)
        .limit(batchSize)
        .execute();
      if (rows.length === 0) return 0;
      const result = await db
        .deleteFrom('quotaReservations')
        .where(
          'id',
          'in',
          rows.map((row) => row.id),
        )
        .executeTakeFirst();
      return affectedRows(result);
    },

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
