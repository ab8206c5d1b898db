import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  CompiledQuery,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  type Kysely,
  SqliteAdapter,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
  sql,
} from 'kysely';
import type { Database } from '../schema';
import { loadDriver } from './load-driver';
import { withStatementCache } from './statement-cache';
import { flushesWal, flushWalInBackground } from './wal-flusher';

/** How long a writer waits for another connection's lock before SQLite gives up. */
const BUSY_TIMEOUT_MS = 5_000;

/**
 * Where SQLite keeps its temporary data while serving. A multi-row write inside a transaction
 * (every ledger batch) keeps a statement journal, which SQLite spills past 64 KiB to a new
 * file in the temporary directory: a file created, unlinked, written and closed several times
 * a second under load, on the event loop. In memory a journal costs the pages its statement
 * changed, and the server's own sorts are small (a page of a list, the hours of a chart).
 */
const TEMP_STORE_SERVING = 'memory';

/**
 * WAL pages between two automatic checkpoints (SQLite's default is 1,000). A ledger batch
 * dirties some 44 pages, so at 1,000 a commit every few dozen ran a checkpoint on the event
 * loop: the distinct pages copied into the database file, then an fsync. At 10,000 (a WAL of
 * up to ~40 MiB) a checkpoint comes ten times less often and copies little more, as the
 * same hot pages (the indexes' last leaves, the account rows) are written again and again.
 */
const WAL_AUTOCHECKPOINT_PAGES = 10_000;

/**
 * Runs work that sorts a whole table (a migration building an index) with SQLite's sorter
 * spilling to temporary files, as it does by default: in memory, building an index over a
 * million request ids took some 75 MiB more.
 */
export async function withSortsOnDisk<T>(db: Kysely<Database>, work: () => Promise<T>): Promise<T> {
  await sql`pragma temp_store = file`.execute(db);
  try {
    return await work();
  } finally {
    await sql.raw(`pragma temp_store = ${TEMP_STORE_SERVING}`).execute(db);
  }
}

/**
 * Every SQLite transaction starts with BEGIN IMMEDIATE, taking the write lock up front.
 * A deferred BEGIN that reads first cannot upgrade to a write once another connection has
 * committed (SQLITE_BUSY_SNAPSHOT, with no waiting), which breaks read-then-write
 * transactions and lets two instances both decide a migration is still pending.
 */
class ImmediateTransactionSqliteDriver extends SqliteDriver {
  /** The WAL to flush (wal-flusher.ts), for a file database; flushed once the driver opens. */
  readonly #walPath: string | undefined;
  #stopFlushingWal: (() => Promise<void>) | undefined;

  constructor(config: SqliteDialectConfig, walPath: string | undefined) {
    super(config);
    this.#walPath = walPath;
  }

  override async init(): Promise<void> {
    await super.init();
    if (this.#walPath) this.#stopFlushingWal = flushWalInBackground(this.#walPath);
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  override async destroy(): Promise<void> {
    // A flush under way ends before the close removes the WAL.
    await this.#stopFlushingWal?.();
    await super.destroy();
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
  readonly #walPath: string | undefined;

  constructor(config: SqliteDialectConfig, walPath: string | undefined) {
    super(config);
    this.#config = config;
    this.#walPath = walPath;
  }

  override createDriver(): Driver {
    return new ImmediateTransactionSqliteDriver(this.#config, this.#walPath);
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
  // NORMAL is durable across process crashes in WAL mode; an OS crash can lose the commits not
  // yet synced (the WAL flusher of wal-flusher.ts syncs them every 100 ms, best effort).
  database.pragma('synchronous = NORMAL');
  database.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
  database.pragma(`temp_store = ${TEMP_STORE_SERVING}`);
  // SQLite names the WAL after the path it was given, so a relative path stays relative to
  // the directory the process started in: resolved now, before anything can change it.
  const walPath = database.memory || !flushesWal ? undefined : `${resolve(path)}-wal`;
  return new OneapiSqliteDialect({ database: withStatementCache(database) }, walPath);
}
