import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/** Distinct statements kept prepared; the hot path uses a few dozen. */
const DEFAULT_CAPACITY = 500;

/**
 * The database as Kysely's SQLite driver sees it, with prepared statements reused.
 * The driver prepares every query's SQL again on every call, and for the ledger's small
 * statements preparing cost as much as running them. Statements are kept by their SQL text,
 * least recently used first out; one still being iterated (`busy`) is never handed out twice.
 */
export function withStatementCache(
  database: BetterSqlite3.Database,
  capacity = DEFAULT_CAPACITY,
): SqliteDatabase {
  const statements = new Map<string, BetterSqlite3.Statement>();
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
