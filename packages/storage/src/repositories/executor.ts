import {
  type InsertQueryBuilder,
  type InsertResult,
  type Kysely,
  type RawBuilder,
  type SqlBool,
  sql,
} from 'kysely';
import type { DialectName } from '../dsn';
import type { Database } from '../schema';
import { readInteger } from '../values';

/** What every repository runs on: the database or an open transaction, and its dialect. */
export interface Executor {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
}

/** A page of rows newest first, and the cursor that continues after the last of them. */
export interface Page<T> {
  readonly items: T[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  readonly nextCursor: string | null;
}

export interface PageRequest {
  /** 1 to 500; default 50. */
  readonly limit?: number;
  /** From the previous page's `nextCursor`. */
  readonly cursor?: string | null;
}

export const MAX_PAGE_SIZE = 500;

export function pageLimit(request: PageRequest): number {
  return Math.min(Math.max(Math.trunc(request.limit ?? 50), 1), MAX_PAGE_SIZE);
}

/** Cursors are opaque to callers; here they are the id of the last row of the page. */
export function readCursor(cursor: string | null | undefined): number | null {
  if (cursor === null || cursor === undefined || cursor === '') return null;
  const id = Number(cursor);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/** Builds a page from `limit + 1` rows fetched in id-descending order. */
export function toPage<T extends { id: number }>(rows: T[], limit: number): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? String(last.id) : null };
}

/**
 * Inserts one row and returns its generated id. PostgreSQL reports it through RETURNING;
 * MySQL has no RETURNING, and SQLite and MySQL both report the insert id.
 */
export async function insertReturningId<T extends keyof Database>(
  executor: Executor,
  query: InsertQueryBuilder<Database, T, InsertResult>,
): Promise<number> {
  if (executor.dialect === 'postgres') {
    // biome-ignore lint/suspicious/noExplicitAny: every table inserted through here has an `id` column.
    const row = await (query as any).returning('id').executeTakeFirstOrThrow();
    return readInteger(row.id);
  }
  const result = await query.executeTakeFirstOrThrow();
  return readInteger(result.insertId);
}

/** Rows changed by an UPDATE or DELETE, as a number. */
export function affectedRows(result: { numUpdatedRows?: bigint; numDeletedRows?: bigint }): number {
  return Number(result.numUpdatedRows ?? result.numDeletedRows ?? 0n);
}

/** True when the error is a unique-key violation on any of the three dialects. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, errno } = error as { code?: unknown; errno?: unknown };
  return (
    errno === 1062 ||
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

/**
 * A case-insensitive substring match that treats `%` and `_` in the text literally.
 * `!` is the escape character because a backslash needs different quoting on each dialect.
 */
export function containsText(column: string, text: string): RawBuilder<SqlBool> {
  const pattern = `%${text.toLowerCase().replace(/[!%_]/g, (char) => `!${char}`)}%`;
  return sql<SqlBool>`lower(${sql.ref(column)}) like ${pattern} escape '!'`;
}

/**
 * No open reservation has this request id: its quota grant was closed (given back by
 * recovery) or is gone. The state is wrapped as in the grant's draw, so the request id's
 * index serves both.
 */
export function noOpenReservation(requestId: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`not exists (select 1 from ${sql.table('quotaReservations')} where ${sql.ref(
    'quotaReservations.requestId',
  )} = ${requestId} and coalesce(${sql.ref('quotaReservations.state')}, '') = 'open')`;
}
