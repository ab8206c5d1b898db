import { CamelCasePlugin, type Dialect, Kysely, sql } from 'kysely';
import { createBatchedTransactions } from './batched-transactions';
import { createMysqlDialect } from './dialects/mysql-dialect';
import { createPostgresDialect } from './dialects/postgres-dialect';
import { recordPostgresStatements, toPostgresScript } from './dialects/postgres-script';
import { createSqliteDialect } from './dialects/sqlite-dialect';
import { type DatabaseTarget, type DialectName, parseDatabaseDsn } from './dsn';
import { migrateToLatest } from './migrate';
import { createRepositories, type Repositories } from './repositories';
import { isUniqueViolation } from './repositories/executor';
import type { Database } from './schema';
import { retryTransientConflicts, runTransaction } from './transaction';

export interface StorageOptions {
  /** One API's SQL_DSN: empty for SQLite, `postgres://...`, `mysql://...` or `user:pass@tcp(host:port)/db`. */
  readonly dsn?: string;
  /** The SQLite file when `dsn` is empty. Default `./data/oneapi.db`. */
  readonly sqlitePath?: string;
  /** Connections per MySQL or PostgreSQL pool. Default 10. SQLite always has one. */
  readonly poolSize?: number;
  /**
   * Path of better-sqlite3's compiled addon (`better_sqlite3.node`), for bundles where the
   * package cannot find its own (a single executable). Default: the one it ships with.
   */
  readonly sqliteNativeBinding?: string;
}

/** A connected database with its typed queries. */
export interface Storage {
  readonly dialect: DialectName;
  /** The Kysely instance, for queries the repositories do not cover. */
  readonly db: Kysely<Database>;
  readonly repositories: Repositories;
  /** Applies pending migrations; safe when several instances start at once. Returns their names. */
  migrate(): Promise<string[]>;
  /** Resolves when the database answers a trivial query; rejects when it is unreachable. */
  ping(): Promise<void>;
  /**
   * Runs `work` in one write transaction and retries it on deadlocks and lock timeouts,
   * so `work` must only touch the database through the repositories it is given.
   */
  transaction<T>(work: (repositories: Repositories) => Promise<T>): Promise<T>;
  /**
   * PostgreSQL only (absent elsewhere): runs `work`'s writes atomically in one round trip.
   * They are written down while `work` runs and sent after it as one script
   * (postgres-script.ts), whose statements answer `work` "no rows, nothing changed". So
   * `work` must only write, must not branch on what its statements return, and must write
   * shared rows in the order a transaction would, as the script holds their locks to its end.
   * Retried, as a transaction is, on deadlocks.
   */
  writeInOneTrip?<T>(work: (repositories: Repositories) => Promise<T>): Promise<T>;
  /**
   * True when `error` is this database refusing a second row with the same unique key
   * (MySQL 1062, PostgreSQL 23505, SQLite's unique and primary-key constraints), so
   * callers such as @oneapi/ledger need no knowledge of the drivers' error codes.
   */
  isDuplicateKey(error: unknown): boolean;
  /**
   * Statements sent to the database since it was opened, BEGIN, COMMIT and savepoints
   * included, failed ones too. On MySQL and PostgreSQL each is one round trip, so the count
   * over a stretch of traffic divided by its requests is what each request costs the server.
   */
  statementCount(): number;
  close(): Promise<void>;
}

export async function createStorage(options: StorageOptions = {}): Promise<Storage> {
  const target = parseDatabaseDsn(options.dsn, options.sqlitePath);
  const { dialect, runScript } = await createDialect(
    target,
    options.poolSize ?? 10,
    options.sqliteNativeBinding,
  );
  let statements = 0;
  const db = new Kysely<Database>({
    dialect,
    plugins: [new CamelCasePlugin()],
    // Kysely logs every statement a connection runs, transactions' BEGIN and COMMIT too.
    log: () => {
      statements += 1;
    },
  });
  const name = target.dialect;
  // SQLite has a single writer: group commit turns concurrent transactions into one commit.
  const transaction: <T>(work: (executor: Kysely<Database>) => Promise<T>) => Promise<T> =
    name === 'sqlite' ? createBatchedTransactions(db) : (work) => runTransaction(db, work);
  return {
    dialect: name,
    db,
    repositories: createRepositories(db, name),
    migrate: () => migrateToLatest(db, name),
    async ping() {
      await sql`select 1`.execute(db);
    },
    transaction: (work) => transaction((executor) => work(createRepositories(executor, name))),
    ...(runScript && {
      writeInOneTrip: (work) =>
        retryTransientConflicts(async () => {
          const { value, statements: recorded } = await recordPostgresStatements((executor) =>
            work(createRepositories(executor, name)),
          );
          if (recorded.length === 0) return value;
          statements += 1;
          await runScript(toPostgresScript(recorded));
          return value;
        }),
    }),
    isDuplicateKey: isUniqueViolation,
    statementCount: () => statements,
    close: () => db.destroy(),
  };
}

// Each driver is loaded only when its dialect is chosen (see load-driver.ts), so a
// PostgreSQL install needs neither better-sqlite3 nor mysql2.
async function createDialect(
  target: DatabaseTarget,
  poolSize: number,
  sqliteNativeBinding: string | undefined,
): Promise<{ dialect: Dialect; runScript?: (script: string) => Promise<void> }> {
  switch (target.dialect) {
    case 'sqlite':
      return { dialect: await createSqliteDialect(target.path, sqliteNativeBinding) };
    case 'mysql':
      return { dialect: await createMysqlDialect(target, poolSize) };
    case 'postgres':
      return createPostgresDialect(target.connectionString, poolSize);
  }
}
