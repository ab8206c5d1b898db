import { sql } from 'kysely';
import type { NewUserRow, UserRole, UserRow, UserStatus } from '../schema';
import { changedRows, compileOnce } from './compile-once';
import {
  affectedRows,
  containsText,
  type Executor,
  insertReturningId,
  noOpenReservation,
  type Page,
  type PageRequest,
  pageLimit,
  readCursor,
  toPage,
} from './executor';

export type User = UserRow;

export type NewUser = Omit<
  NewUserRow,
  'id' | 'createdAt' | 'updatedAt' | 'usedQuota' | 'requestCount'
>;

export type UserPatch = Partial<
  Pick<
    UserRow,
    | 'displayName'
    | 'role'
    | 'status'
    | 'email'
    | 'emailVerifiedAt'
    | 'groupName'
    | 'passwordHash'
    | 'accessTokenHash'
  >
>;

export interface UserFilter extends PageRequest {
  /** Matches username, display name or email by substring. */
  readonly search?: string;
  readonly role?: UserRole;
  readonly status?: UserStatus;
  readonly groupName?: string;
}

/** Changes to a user's counters, applied in one statement; unconditional. */
export interface UserQuotaChange {
  readonly quota?: number;
  readonly usedQuota?: number;
  readonly requestCount?: number;
}

// The ledger's statements: run for every relayed request, so compiled once (compile-once.ts).
const debitQuota = compileOnce(2, ({ db }, id: number, amount: number) =>
  db
    .updateTable('users')
    .set((eb) => ({ quota: eb('quota', '-', amount) }))
    .where('id', '=', id)
    .where('quota', '>=', amount),
);
const debitQuotaWithChange = compileOnce(
  5,
  ({ db }, id: number, amount: number, quota: number, usedQuota: number, requestCount: number) =>
    db
      .updateTable('users')
      .set((eb) => ({
        quota: eb(eb('quota', '+', quota), '-', amount),
        usedQuota: eb('usedQuota', '+', usedQuota),
        requestCount: eb('requestCount', '+', requestCount),
      }))
      .where('id', '=', id)
      .where((eb) => eb(eb('quota', '+', quota), '>=', amount)),
);
const chargeUnlessOpen = compileOnce(
  3,
  ({ db }, id: number, amount: number, grantRequestId: string) =>
    db
      .updateTable('users')
      .set((eb) => ({ quota: eb('quota', '-', amount) }))
      .where('id', '=', id)
      .where(noOpenReservation(grantRequestId)),
);
const applyQuotaChange = compileOnce(
  4,
  ({ db }, id: number, quota: number, usedQuota: number, requestCount: number) =>
    db
      .updateTable('users')
      .set((eb) => ({
        quota: eb('quota', '+', quota),
        usedQuota: eb('usedQuota', '+', usedQuota),
        requestCount: eb('requestCount', '+', requestCount),
      }))
      .where('id', '=', id),
);

export function createUsersRepository(executor: Executor) {
  const { db, dialect } = executor;
  const findById = (id: number) =>
    db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();

  return {
    async create(user: NewUser, now = Date.now()): Promise<User> {
      const id = await insertReturningId(
        { db, dialect },
        db.insertInto('users').values({ ...user, createdAt: now, updatedAt: now }),
      );
      return (await findById(id))!;
    },

    findById,

    findByUsername: (username: string) =>
      db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst(),

    findByAccessTokenHash: (hash: string) =>
      db.selectFrom('users').selectAll().where('accessTokenHash', '=', hash).executeTakeFirst(),

    /** The users whose email is `email`, ignoring case (emails are not unique), at most `limit`. */
    listByEmail: (email: string, limit = 5) =>
      db
        .selectFrom('users')
        .selectAll()
        .where(sql`lower(email)`, '=', email.toLowerCase())
        .orderBy('id')
        .limit(limit)
        .execute(),

    findByInviteCode: (code: string) =>
      db.selectFrom('users').selectAll().where('inviteCode', '=', code).executeTakeFirst(),

    async count(): Promise<number> {
      const row = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },

    async list(filter: UserFilter = {}): Promise<Page<User>> {
      const limit = pageLimit(filter);
      const cursor = readCursor(filter.cursor);
      let query = db
        .selectFrom('users')
        .selectAll()
        .orderBy('id', 'desc')
        .limit(limit + 1);
      if (cursor !== null) query = query.where('id', '<', cursor);
      if (filter.role) query = query.where('role', '=', filter.role);
      if (filter.status) query = query.where('status', '=', filter.status);
      if (filter.groupName) query = query.where('groupName', '=', filter.groupName);
      if (filter.search) {
        const search = filter.search;
        query = query.where((eb) =>
          eb.or([
            containsText('username', search),
            containsText('displayName', search),
            containsText('email', search),
          ]),
        );
      }
      return toPage(await query.execute(), limit);
    },

    async update(id: number, patch: UserPatch, now = Date.now()): Promise<boolean> {
      const result = await db
        .updateTable('users')
        .set({ ...patch, updatedAt: now })
        .where('id', '=', id)
        .executeTakeFirst();
      return affectedRows(result) === 1;
    },

    /**
     * Gives the user `code` as invite code unless they already have one, in one statement,
     * so two first requests at once cannot hand out two codes. False when one was set (or
     * there is no such user); a code another user holds is a unique violation.
     */
    async assignInviteCode(id: number, code: string, now = Date.now()): Promise<boolean> {
      const result = await db
        .updateTable('users')
        .set({ inviteCode: code, updatedAt: now })
        .where('id', '=', id)
        .where('inviteCode', 'is', null)
        .executeTakeFirst();
      return affectedRows(result) === 1;
    },

    async delete(id: number): Promise<boolean> {
      return (
        affectedRows(await db.deleteFrom('users').where('id', '=', id).executeTakeFirst()) === 1
      );
    },

    /**
     * Takes `amount` from the user's quota only if that much remains, in one statement,
     * so concurrent requests can never drive the balance below zero. False when it does not.
     * With `change`, the change is applied in the same statement and counts toward what
     * remains (a batch's refunds can pay for its holds); when false, nothing is written.
     */
    async debitQuota(id: number, amount: number, change?: UserQuotaChange): Promise<boolean> {
      const result = change
        ? await debitQuotaWithChange(
            executor,
            id,
            amount,
            change.quota ?? 0,
            change.usedQuota ?? 0,
            change.requestCount ?? 0,
          )
        : await debitQuota(executor, id, amount);
      return changedRows(result) === 1;
    },

    /**
     * Takes `amount` from the quota, without a floor, only when no open reservation has
     * `grantRequestId`: a charge drawn from a quota grant that recovery had already given
     * back comes out of the account itself. The grant's draw comes before this in the same
     * transaction, so this needs no answer from the draw.
     */
    async chargeUnlessOpen(id: number, amount: number, grantRequestId: string): Promise<void> {
      await chargeUnlessOpen(executor, id, amount, grantRequestId);
    },

    /** Adds to (or, with negative values, subtracts from) the counters; unconditional. */
    async applyQuotaChange(id: number, change: UserQuotaChange): Promise<boolean> {
      const result = await applyQuotaChange(
        executor,
        id,
        change.quota ?? 0,
        change.usedQuota ?? 0,
        change.requestCount ?? 0,
      );
      return changedRows(result) === 1;
    },
  };
}

export type UsersRepository = ReturnType<typeof createUsersRepository>;
