import { StorageError } from '../storage-error';

/**
 * Loads a database driver the first time its dialect is chosen. The drivers are optional
 * peer dependencies (Kysely's rule: the user brings the driver), so a PostgreSQL install
 * never compiles better-sqlite3; when the chosen one is missing, say which package to add.
 * `load` is the literal `() => import('<driver>')`, kept in the dialect's own file so a
 * bundler sees it there.
 */
export async function loadDriver<T>(
  driver: string,
  database: string,
  load: () => Promise<T>,
): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (!isMissingPackage(error, driver)) throw error;
    throw new StorageError(
      'driver_missing',
      `${database} needs the ${driver} package, which is not installed: add it next to @oneapi/storage (npm install ${driver})`,
      { cause: error },
    );
  }
}

function isMissingPackage(error: unknown, driver: string): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  // Node names the package it could not find; a driver that fails while loading is not this.
  return (
    code === 'ERR_MODULE_NOT_FOUND' &&
    typeof message === 'string' &&
    message.includes(`'${driver}'`)
  );
}
