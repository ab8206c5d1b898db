import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { createStorage, type Storage } from '../create-database';
import type { DialectName } from '../dsn';

/*
 * Test databases for every dialect. SQLite always runs. MySQL and PostgreSQL run when
 * TEST_MYSQL_DSN / TEST_POSTGRES_DSN name a server the test may create databases on;
 * without them their suites are skipped, and with them a server that is down fails the run.
 */

export interface TestStorage extends Storage {
  /** Closes the connection and drops the throwaway database. */
  dispose(): Promise<void>;
  /** Opens another connection pool to the same database, as a second instance would. */
  connectAgain(): Promise<Storage>;
  /** Where it is, for a test that starts a gateway process on it. */
  readonly location: { readonly dsn: string } | { readonly sqlitePath: string };
}

export interface TestDatabase {
  readonly dialect: DialectName;
  /** Why this dialect's suites are skipped; undefined when they run. */
  readonly skipReason: string | undefined;
  /** A new empty database of this dialect, not yet migrated. */
  create(): Promise<TestStorage>;
}

const SERVER_DIALECTS = [
  { dialect: 'mysql', variable: 'TEST_MYSQL_DSN', example: 'mysql://root@127.0.0.1:3306/test' },
  {
    dialect: 'postgres',
    variable: 'TEST_POSTGRES_DSN',
    example: 'postgres://postgres@127.0.0.1:5432/test',
  },
] as const;

export function listTestDatabases(env: NodeJS.ProcessEnv = process.env): TestDatabase[] {
  return [
    { dialect: 'sqlite', skipReason: undefined, create: createSqliteTestStorage },
    ...SERVER_DIALECTS.map(({ dialect, variable, example }) => {
      const dsn = env[variable];
      return {
        dialect,
        skipReason: dsn ? undefined : `${variable} is not set (e.g. ${variable}=${example})`,
        create: () => createServerTestStorage(dsn!),
      };
    }),
  ];
}

/** One line per skipped dialect, for a vitest globalSetup to print once per run. */
export function describeSkippedDatabases(env: NodeJS.ProcessEnv = process.env): string[] {
  return listTestDatabases(env)
    .filter((database) => database.skipReason)
    .map((database) => `${database.dialect} suites skipped: ${database.skipReason}`);
}

async function createSqliteTestStorage(): Promise<TestStorage> {
  const directory = mkdtempSync(join(tmpdir(), 'oneapi-storage-'));
  const path = join(directory, 'test.db');
  const storage = await createStorage({ sqlitePath: path });
  return {
    ...storage,
    connectAgain: () => createStorage({ sqlitePath: path }),
    location: { sqlitePath: path },
    async dispose() {
      await storage.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

async function createServerTestStorage(adminDsn: string): Promise<TestStorage> {
  const admin = await createStorage({ dsn: adminDsn, poolSize: 1 });
  const name = `oneapi_test_${randomBytes(6).toString('hex')}`;
  await sql`create database ${sql.id(name)}`.execute(admin.db);
  const dsn = withDatabase(adminDsn, name);
  const storage = await createStorage({ dsn });
  return {
    ...storage,
    connectAgain: () => createStorage({ dsn }),
    location: { dsn },
    async dispose() {
      await storage.close();
      await sql`drop database if exists ${sql.id(name)}`.execute(admin.db);
      await admin.close();
    },
  };
}

function withDatabase(dsn: string, database: string): string {
  const url = new URL(dsn);
  url.pathname = `/${database}`;
  return url.toString();
}
