import type { SqliteDatabase, SqliteStatement } from 'kysely';

/**
 * The slice of a better-sqlite3 database the cache uses (Kysely's view of one, plus each
 * statement's `busy`), declared here so the driver is imported by sqlite-dialect.ts alone.
 */
interface PreparingDatabase {
  prepare(sql: string): SqliteStatement & { readonly busy: boolean };
  close(): void;
}

/** Distinct statements kept prepared; the hot path uses a few dozen. */
const DEFAULT_CAPACITY = 500;

/**
 * The database as Kysely's SQLite driver sees it, with prepared statements reused.
 * The driver prepares every query's SQL again on every call, and for the ledger's small
 * statements preparing cost as much as running them. Statements are kept by their SQL text,
 * least recently used first out; one still being iterated (`busy`) is never handed out twice.
 */
export function withStatementCache(
  database: PreparingDatabase,
  capacity = DEFAULT_CAPACITY,
): SqliteDatabase {
  const statements = new Map<string, ReturnType<PreparingDatabase['prepare']>>();
  return {
    prepare(sql) {
      const cached = statements.get(sql);
      if (cached && !cached.busy) {
        // Re-inserting keeps the map in least-recently-used order.
        statements.delete(sql);
        statements.set(sql, cached);
        return cached;
      }
      const statement = database.prepare(sql);
      if (!cached) {
        statements.set(sql, statement);
        if (statements.size > capacity) statements.delete(statements.keys().next().value as string);
      }
      return statement;
    },
    close() {
      statements.clear();
      database.close();
    },
  };
}
