import { type Kysely, Migrator } from 'kysely';
import { withSortsOnDisk } from './dialects/sqlite-dialect';
import type { DialectName } from './dsn';
import { listMigrations } from './migrations';
import type { Database } from './schema';
import { StorageError } from './storage-error';
import { isTransientConflict } from './transaction';

const MAX_ATTEMPTS = 20;

/**
 * Brings the schema to the latest version. Kysely's migrator holds a lock on MySQL
 * (GET_LOCK) and PostgreSQL (advisory lock); on SQLite the migration transaction takes
 * the write lock up front. A second instance waits, or times out with SQLITE_BUSY and
 * tries again, and then finds nothing left to do.
 */
export async function migrateToLatest(
  db: Kysely<Database>,
  dialect: DialectName,
): Promise<string[]> {
  const migrator = new Migrator({
    db: db.withoutPlugins(),
    provider: { getMigrations: async () => listMigrations(dialect) },
  });
  const migrate = () => migrator.migrateToLatest();
  for (let attempt = 1; ; attempt++) {
    const { error, results = [] } =
      dialect === 'sqlite' ? await withSortsOnDisk(db, migrate) : await migrate();
    if (!error) {
      return results.filter((result) => result.status === 'Success').map((r) => r.migrationName);
    }
    if (attempt < MAX_ATTEMPTS && isTransientConflict(error)) {
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
      continue;
    }
    const failed = results.find((result) => result.status === 'Error')?.migrationName;
    throw new StorageError(
      'migration_failed',
      `Database migration ${failed ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}
