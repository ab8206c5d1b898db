import type { TokenRow, TokenStatus } from '../schema';
import { fromFlag, readJson, toFlag, writeJson } from '../values';
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

/** A gateway API key as the rest of the system sees it: flags as booleans, lists parsed. */
export interface Token {
  readonly id: number;
  readonly userId: number;
  readonly name: string;
  readonly keyHash: string;
  readonly keyPrefix: string;
  readonly status: TokenStatus;
  readonly expiresAt: number | null;
  readonly remainQuota: number;
  readonly unlimitedQuota: boolean;
  readonly usedQuota: number;
  /** null: every model the group may use. */
  readonly allowedModels: string[] | null;
  /** null: any client address. */
  readonly allowedIps: string[] | null;
  readonly groupName: string | null;
  readonly lastUsedAt: number | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface NewToken {
  readonly userId: number;
  readonly name: string;
  readonly keyHash: string;
  readonly keyPrefix: string;
  readonly status?: TokenStatus;
  readonly expiresAt?: number | null;
  readonly remainQuota?: number;
  readonly unlimitedQuota?: boolean;
  readonly allowedModels?: string[] | null;
  readonly allowedIps?: string[] | null;
  readonly groupName?: string | null;
}

/** `keyHash` and `keyPrefix` together replace the key (a rotation: same token, new secret). */
export type TokenPatch = Partial<
  Pick<
    Token,
    | 'keyHash'
    | 'keyPrefix'
    | 'name'
    | 'status'
    | 'expiresAt'
    | 'remainQuota'
    | 'unlimitedQuota'
    | 'allowedModels'
    | 'allowedIps'
    | 'groupName'
  >
>;

export interface TokenFilter extends PageRequest {
  readonly userId?: number;
  readonly status?: TokenStatus;
  /** Matches the token's name by substring. */
  readonly search?: string;
}

export interface TokenQuotaChange {
  readonly remainQuota?: number;
  readonly usedQuota?: number;
  readonly lastUsedAt?: number;
}

export function toToken(row: TokenRow): Token {
  return {
    ...row,
    unlimitedQuota: fromFlag(row.unlimitedQuota),
    allowedModels: readJson<string[]>(row.allowedModels, 'tokens.allowed_models'),
    allowedIps: readJson<string[]>(row.allowedIps, 'tokens.allowed_ips'),
  };
}

function toTokenColumns(patch: TokenPatch) {
  const { unlimitedQuota, allowedModels, allowedIps, ...rest } = patch;
  return {
    ...rest,
    ...(unlimitedQuota !== undefined && { unlimitedQuota: toFlag(unlimitedQuota) }),
    ...(allowedModels !== undefined && { allowedModels: writeJson(allowedModels) }),
    ...(allowedIps !== undefined && { allowedIps: writeJson(allowedIps) }),
  };
}

// The ledger's statements: run for every relayed request, so compiled once (compile-once.ts).
const debitRemainQuota = compileOnce(2, ({ db }, id: number, amount: number) =>
  db
    .updateTable('tokens')
    .set((eb) => ({ remainQuota: eb('remainQuota', '-', amount) }))
    .where('id', '=', id)
    .where((eb) => eb.or([eb('unlimitedQuota', '=', 1), eb('remainQuota', '>=', amount)])),
);
const debitRemainQuotaWithChange = compileOnce(
  5,
  (
    { db },
    id: number,
    amount: number,
    remainQuota: number,
    usedQuota: number,
    lastUsedAt: number | null,
  ) =>
    db
      .updateTable('tokens')
      .set((eb) => ({
        remainQuota: eb(eb('remainQuota', '+', remainQuota), '-', amount),
        usedQuota: eb('usedQuota', '+', usedQuota),
        lastUsedAt: eb.fn.coalesce(eb.val(lastUsedAt), eb.ref('lastUsedAt')),
      }))
      .where('id', '=', id)
      .where((eb) =>
        eb.or([
          eb('unlimitedQuota', '=', 1),
          eb(eb('remainQuota', '+', remainQuota), '>=', amount),
        ]),
      ),
);
const chargeUnlessOpen = compileOnce(
  3,
  ({ db }, id: number, amount: number, grantRequestId: string) =>
    db
      .updateTable('tokens')
      .set((eb) => ({ remainQuota: eb('remainQuota', '-', amount) }))
      .where('id', '=', id)
      .where(noOpenReservation(grantRequestId)),
);
const applyQuotaChange = compileOnce(
  4,
  ({ db }, id: number, remainQuota: number, usedQuota: number, lastUsedAt: number | null) =>
    db
      .updateTable('tokens')
      .set((eb) => ({
        remainQuota: eb('remainQuota', '+', remainQuota),
        usedQuota: eb('usedQuota', '+', usedQuota),
        // null keeps the last use as it was.
        lastUsedAt: eb.fn.coalesce(eb.val(lastUsedAt), eb.ref('lastUsedAt')),
      }))
      .where('id', '=', id),
);

export function createTokensRepository(executor: Executor) {
  const { db, dialect } = executor;
  async function findById(id: number): Promise<Token | undefined> {
    const row = await db.selectFrom('tokens').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toToken(row);
  }

  return {
    async create(token: NewToken, now = Date.now()): Promise<Token> {
      const id = await insertReturningId(
        { db, dialect },
        db.insertInto('tokens').values({
          ...toTokenColumns(token),
          userId: token.userId,
          name: token.name,
          keyHash: token.keyHash,
          keyPrefix: token.keyPrefix,
          status: token.status ?? 'enabled',
          createdAt: now,
          updatedAt: now,
        }),
      );
      return (await findById(id))!;
    },

    findById,

    async findByKeyHash(keyHash: string): Promise<Token | undefined> {
      const row = await db
        .selectFrom('tokens')
        .selectAll()
        .where('keyHash', '=', keyHash)
        .executeTakeFirst();
      return row && toToken(row);
    },

    async list(filter: TokenFilter = {}): Promise<Page<Token>> {
      const limit = pageLimit(filter);
      const cursor = readCursor(filter.cursor);
      let query = db
        .selectFrom('tokens')
        .selectAll()
        .orderBy('id', 'desc')
        .limit(limit + 1);
      if (cursor !== null) query = query.where('id', '<', cursor);
      if (filter.userId !== undefined) query = query.where('userId', '=', filter.userId);
      if (filter.status) query = query.where('status', '=', filter.status);
      if (filter.search) query = query.where(containsText('name', filter.search));
      const page = toPage(await query.execute(), limit);
      return { items: page.items.map(toToken), nextCursor: page.nextCursor };
    },

    async update(id: number, patch: TokenPatch, now = Date.now()): Promise<boolean> {
      const result = await db
        .updateTable('tokens')
        .set({ ...toTokenColumns(patch), updatedAt: now })
        .where('id', '=', id)
        .executeTakeFirst();
      return affectedRows(result) === 1;
    },

    async delete(id: number): Promise<boolean> {
      return (
        affectedRows(await db.deleteFrom('tokens').where('id', '=', id).executeTakeFirst()) === 1
      );
    },

    /**
     * Takes `amount` from the token's remaining quota if it covers it, in one statement.
     * Unlimited tokens always pass; their remaining quota still counts down, as in One API,
     * so the dashboard shows what they have spent. With `change`, as `users.debitQuota`.
     */
    async debitRemainQuota(
      id: number,
      amount: number,
      change?: TokenQuotaChange,
    ): Promise<boolean> {
      const result = change
        ? await debitRemainQuotaWithChange(
            executor,
            id,
            amount,
            change.remainQuota ?? 0,
            change.usedQuota ?? 0,
            change.lastUsedAt ?? null,
          )
        : await debitRemainQuota(executor, id, amount);
      return changedRows(result) === 1;
    },

    /** As `users.chargeUnlessOpen`, for the key's remaining quota (unlimited or not). */
    async chargeUnlessOpen(id: number, amount: number, grantRequestId: string): Promise<void> {
      await chargeUnlessOpen(executor, id, amount, grantRequestId);
    },

    /** Adds to (or subtracts from) the counters; unconditional. */
    async applyQuotaChange(id: number, change: TokenQuotaChange): Promise<boolean> {
      const result = await applyQuotaChange(
        executor,
        id,
        change.remainQuota ?? 0,
        change.usedQuota ?? 0,
        change.lastUsedAt ?? null,
      );
      return changedRows(result) === 1;
    },

    /** Moves enabled tokens whose expiry has passed to `expired`; returns how many. */
    async expireDue(now = Date.now()): Promise<number> {
      const result = await db
        .updateTable('tokens')
        .set({ status: 'expired', updatedAt: now })
        .where('status', '=', 'enabled')
        .where('expiresAt', 'is not', null)
        .where('expiresAt', '<=', now)
        .executeTakeFirst();
      return affectedRows(result);
    },

    /**
     * Enabled tokens that expire after `from` and no later than `to` (epoch ms), soonest
     * first, at most `limit`: the keys an expiry reminder is due for.
     */
    async listExpiring(from: number, to: number, limit = 500): Promise<Token[]> {
      const rows = await db
        .selectFrom('tokens')
        .selectAll()
        .where('status', '=', 'enabled')
        .where('expiresAt', 'is not', null)
        .where('expiresAt', '>', from)
        .where('expiresAt', '<=', to)
        .orderBy('expiresAt')
        .limit(limit)
        .execute();
      return rows.map(toToken);
    },
  };
}

export type TokensRepository = ReturnType<typeof createTokensRepository>;
