import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStorage, type DialectName, maskDsn, parseDatabaseDsn } from '@oneapi/storage';
import { seaSqliteAddon } from '../../distribution/sea-resources';
import { CliError } from '../cli-io';
import type { SourceRow } from './source-values';

/** The source database, read-only: whole tables, or pages of one by id. */
export interface SourceDatabase {
  readonly dialect: DialectName;
  /** The source as it may be printed (no password). */
  readonly where: string;
  /** Table name -> its column names, as the database has them (snake_case). */
  readonly tables: ReadonlyMap<string, ReadonlySet<string>>;
  /** Every row of a table in id order; [] when the table does not exist. */
  readAll(table: string): Promise<SourceRow[]>;
  /** Up to `limit` rows with an id above `afterId`, in id order. */
  readAfter(table: string, afterId: number, limit: number): Promise<SourceRow[]>;
  close(): Promise<void>;
}

// The slice of Kysely read here: the source's tables are not in our typed schema.
interface SourceQuery {
  selectAll(): SourceQuery;
  where(column: string, operator: '>', value: number): SourceQuery;
  orderBy(column: string): SourceQuery;
  limit(count: number): SourceQuery;
  execute(): Promise<SourceRow[]>;
}
interface SourceQueries {
  withoutPlugins(): SourceQueries;
  selectFrom(table: string): SourceQuery;
  readonly introspection: {
    getTables(): Promise<{ name: string; columns: { name: string }[] }[]>;
  };
}

/**
 * Opens `from`: a SQL_DSN as One API takes it (`user:pass@tcp(host:port)/db`, `mysql://`,
 * `postgres://`) or the path of its SQLite file (`one-api.db`). The storage package opens
 * it with our dialect setup but never migrates it (only `migrate()` does). A SQLite file is
 * copied first and the copy is read, so the source file is never opened for writing.
 */
export async function openSource(
  from: string,
  required: readonly string[] = ['users', 'channels'],
): Promise<SourceDatabase> {
  const isDsn = /^[a-z][a-z0-9+.-]*:\/\//i.test(from) || /@(tcp|unix)\(/.test(from);
  const target = isDsn || from.startsWith('sqlite:') ? parseDatabaseDsn(from) : undefined;
  if (target && target.dialect !== 'sqlite') {
    const storage = await createStorage({ dsn: from, poolSize: 2 });
    return describe(storage, maskDsn(from), required, async () => storage.close());
  }
  const path = target?.dialect === 'sqlite' ? target.path : from;
  if (!existsSync(path) || !statSync(path).isFile()) {
    throw new CliError(
      'failed',
      `No One API database at ${path} (give its SQLite file or SQL_DSN)`,
    );
  }
  const directory = mkdtempSync(join(tmpdir(), 'oneapi-import-'));
  const copy = join(directory, 'source.db');
  copyFileSync(path, copy);
  // A database in WAL mode keeps its latest commits in the -wal file beside it.
  if (existsSync(`${path}-wal`)) copyFileSync(`${path}-wal`, `${copy}-wal`);
  const removeCopy = () => rmSync(directory, { recursive: true, force: true });
  const storage = await createStorage({
    sqlitePath: copy,
    sqliteNativeBinding: seaSqliteAddon(),
  }).catch((error: unknown) => {
    removeCopy();
    throw new CliError('failed', `Cannot read ${path}: ${(error as Error).message}`);
  });
  return describe(storage, path, required, async () => {
    await storage.close();
    removeCopy();
  });
}

async function describe(
  storage: Awaited<ReturnType<typeof createStorage>>,
  where: string,
  required: readonly string[],
  close: () => Promise<void>,
): Promise<SourceDatabase> {
  // Without the storage's CamelCasePlugin, which would also rename the keys inside JSON
  // values (MySQL and PostgreSQL return json columns parsed): only column names are renamed.
  const db = (storage.db as unknown as SourceQueries).withoutPlugins();
  let tables: Map<string, Set<string>>;
  try {
    const found = await db.introspection.getTables();
    tables = new Map(found.map((table) => [table.name, new Set(table.columns.map((c) => c.name))]));
  } catch (error) {
    await close();
    throw new CliError('failed', `Cannot read ${where}: ${(error as Error).message}`);
  }
  const missing = required.filter((table) => !tables.has(table));
  if (missing.length > 0) {
    await close();
    throw new CliError(
      'failed',
      `${where} is not a One API database (no ${missing.join(' or ')} table)`,
    );
  }
  return {
    dialect: storage.dialect,
    where,
    tables,
    async readAll(table) {
      if (!tables.has(table)) return [];
      const query = db.selectFrom(table).selectAll();
      return (await (tables.get(table)!.has('id') ? query.orderBy('id') : query).execute()).map(
        toCamelCase,
      );
    },
    async readAfter(table, afterId, limit) {
      if (!tables.has(table)) return [];
      const rows = await db
        .selectFrom(table)
        .selectAll()
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(toCamelCase);
    },
    close,
  };
}

/** `base_url` -> `baseUrl`, for the column names only. */
function toCamelCase(row: SourceRow): SourceRow {
  return Object.fromEntries(
    Object.entries(row).map(([name, value]) => [
      name.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase()),
      value,
    ]),
  );
}
