import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  CompiledQuery,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  SqliteAdapter,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
} from 'kysely';
import { loadDriver } from './load-driver';
import { withStatementCache } from './statement-cache';

/** How long a writer waits for another connection's lock before SQLite gives up. */
const BUSY_TIMEOUT_MS = 5_000;

/**
 * Every SQLite transaction starts with BEGIN IMMEDIATE, taking the write lock up front.
 * A deferred BEGIN that reads first cannot upgrade to a write once another connection has
 * committed (SQLITE_BUSY_SNAPSHOT, with no waiting), which breaks read-then-write
 * transactions and lets two instances both decide a migration is still pending.
 */
class ImmediateTransactionSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/**
 * SQLite DDL is transactional, so migrations run inside one (immediate) transaction:
 * a second instance waits for the first, then finds nothing left to do.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class OneapiSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateTransactionSqliteDriver(this.#config);
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

/** The embedded default: one file, WAL so readers never block the writer, foreign keys on. */
export async function createSqliteDialect(
  path: string,
  nativeBinding?: string,
): Promise<SqliteDialect> {
  const { default: BetterSqlite3 } = await loadDriver(
    'better-sqlite3',
    'SQLite',
    () => import('better-sqlite3'),
  );
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const database = new BetterSqlite3(path, nativeBinding ? { nativeBinding } : {});
  database.pragma('journal_mode = WAL');
  database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  database.pragma('foreign_keys = ON');
  // NORMAL is durable across process crashes in WAL mode; only an OS crash can lose the last commit.
  database.pragma('synchronous = NORMAL');
  return new OneapiSqliteDialect({ database: withStatementCache(database) });
}
