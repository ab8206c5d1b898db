import { sql } from 'kysely';
import type { InstanceLeaseRow } from '../schema';
import { readInteger } from '../values';
import { databaseNowMs } from './database-clock';
import type { Executor } from './executor';

export type InstanceLease = InstanceLeaseRow;

export interface NewInstanceLease {
  /** Random, new for every run. */
  readonly id: string;
  readonly host: string;
  readonly pid: number;
}

/**
 * The leases of running gateways (docs/decisions/0004-instance-leases.md). Every time here is
 * the database's (database-clock.ts): a lease lapses by the same clock for every instance.
 */
export function createInstanceLeasesRepository(executor: Executor) {
  const { db } = executor;
  const now = () => databaseNowMs(executor.dialect);
  const until = (leaseMs: number) => sql<number>`${now()} + ${Math.trunc(leaseMs)}`;

  return {
    /** Starts a lease valid for `leaseMs` from now. */
    async register(lease: NewInstanceLease, leaseMs: number): Promise<void> {
      await db
        .insertInto('instanceLeases')
        .values({ ...lease, startedAt: now(), leaseUntil: until(leaseMs) })
        .execute();
    },

    /**
     * Extends the lease to `leaseMs` from now. False when the row is gone: another instance
     * took this one for dead and is recovering (or has recovered) its holds.
     */
    async renew(id: string, leaseMs: number): Promise<boolean> {
      const result = await db
        .updateTable('instanceLeases')
        .set({ leaseUntil: until(leaseMs) })
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /**
     * Deletes up to `limit` leases that have lapsed and returns their ids. Each delete
     * re-checks the lapse in its own statement, so a lease renewed since it was listed is
     * kept, and of several instances taking the same lease only one gets its id.
     */
    async takeExpired(limit = 100): Promise<string[]> {
      const lapsed = await db
        .selectFrom('instanceLeases')
        .select('id')
        .where('leaseUntil', '<', now())
        .limit(limit)
        .execute();
      const taken: string[] = [];
      for (const { id } of lapsed) {
        const result = await db
          .deleteFrom('instanceLeases')
          .where('id', '=', id)
          .where('leaseUntil', '<', now())
          .executeTakeFirst();
        if (Number(result.numDeletedRows) === 1) taken.push(id);
      }
      return taken;
    },

    /** Ends a lease at a clean shutdown (its holds are closed by then). */
    async remove(id: string): Promise<boolean> {
      const result = await db.deleteFrom('instanceLeases').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },

    /** Every lease, with the database's time now, oldest first (for operators and tests). */
    async list(): Promise<{ leases: InstanceLease[]; now: number }> {
      const [rows, clock] = await Promise.all([
        db.selectFrom('instanceLeases').selectAll().orderBy('startedAt').execute(),
        sql<{ now: unknown }>`select ${now()} as now`.execute(db),
      ]);
      const leases = rows.map((row) => ({
        ...row,
        pid: readInteger(row.pid),
        startedAt: readInteger(row.startedAt),
        leaseUntil: readInteger(row.leaseUntil),
      }));
      return { leases, now: readInteger(clock.rows[0]!.now) };
    },
  };
}

export type InstanceLeasesRepository = ReturnType<typeof createInstanceLeasesRepository>;
