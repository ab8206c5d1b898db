import type { RedemptionCodeRow, RedemptionCodeStatus } from '../schema';
import {
  affectedRows,
  containsText,
  type Executor,
  type Page,
  type PageRequest,
  pageLimit,
  readCursor,
  toPage,
} from './executor';

export type RedemptionCode = RedemptionCodeRow;

export interface NewRedemptionCode {
  readonly name: string;
  readonly codeHash: string;
  readonly quota: number;
  readonly expiresAt?: number | null;
  readonly createdBy?: number | null;
}

export interface RedemptionCodeFilter extends PageRequest {
  readonly status?: RedemptionCodeStatus;
  readonly search?: string;
}

export function createRedemptionCodesRepository({ db }: Executor) {
  return {
    /** Inserts a batch in one statement per 500 codes; all or nothing inside a transaction. */
    async createMany(codes: readonly NewRedemptionCode[], now = Date.now()): Promise<void> {
      const rows = codes.map((code) => ({
        name: code.name,
        codeHash: code.codeHash,
        quota: code.quota,
        status: 'enabled' as const,
        expiresAt: code.expiresAt ?? null,
        createdBy: code.createdBy ?? null,
        createdAt: now,
      }));
      for (let start = 0; start < rows.length; start += 500) {
        await db
          .insertInto('redemptionCodes')
          .values(rows.slice(start, start + 500))
          .execute();
      }
    },

    findByHash: (codeHash: string) =>
      db
        .selectFrom('redemptionCodes')
        .selectAll()
        .where('codeHash', '=', codeHash)
        .executeTakeFirst(),

    findById: (id: number) =>
      db.selectFrom('redemptionCodes').selectAll().where('id', '=', id).executeTakeFirst(),

    async list(filter: RedemptionCodeFilter = {}): Promise<Page<RedemptionCode>> {
      const limit = pageLimit(filter);
      const cursor = readCursor(filter.cursor);
      let query = db
        .selectFrom('redemptionCodes')
        .selectAll()
        .orderBy('id', 'desc')
        .limit(limit + 1);
      if (cursor !== null) query = query.where('id', '<', cursor);
      if (filter.status) query = query.where('status', '=', filter.status);
      if (filter.search) query = query.where(containsText('name', filter.search));
      return toPage(await query.execute(), limit);
    },

    /**
     * Marks the code redeemed by `userId` if it is still enabled and unexpired, in one
     * statement: of any number of concurrent attempts exactly one sees `true`.
     * The caller credits the quota in the same transaction.
     */
    async markRedeemed(codeHash: string, userId: number, now = Date.now()): Promise<boolean> {
      const result = await db
        .updateTable('redemptionCodes')
        .set({ status: 'redeemed', redeemedBy: userId, redeemedAt: now })
        .where('codeHash', '=', codeHash)
        .where('status', '=', 'enabled')
        .where((eb) => eb.or([eb('expiresAt', 'is', null), eb('expiresAt', '>', now)]))
        .executeTakeFirst();
      return affectedRows(result) === 1;
    },

    /** Enables or disables codes that are not yet redeemed; returns how many changed. */
    async setStatus(ids: readonly number[], status: 'enabled' | 'disabled'): Promise<number> {
      if (ids.length === 0) return 0;
      const result = await db
        .updateTable('redemptionCodes')
        .set({ status })
        .where('id', 'in', ids)
        .where('status', '!=', 'redeemed')
        .executeTakeFirst();
      return affectedRows(result);
    },

    async delete(ids: readonly number[]): Promise<number> {
      if (ids.length === 0) return 0;
      return affectedRows(
        await db.deleteFrom('redemptionCodes').where('id', 'in', ids).executeTakeFirst(),
      );
    },
  };
}

export type RedemptionCodesRepository = ReturnType<typeof createRedemptionCodesRepository>;
