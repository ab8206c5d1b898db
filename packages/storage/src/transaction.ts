import type { Kysely } from 'kysely';
import type { Database } from './schema';

const MAX_ATTEMPTS = 6;

/**
 * One write transaction, retried when the database aborts it for contention.
 * On SQLite the driver begins every transaction IMMEDIATE (see sqlite-dialect.ts).
 */
export function runTransaction<T>(
  db: Kysely<Database>,
  work: (executor: Kysely<Database>) => Promise<T>,
): Promise<T> {
  return retryTransientConflicts(() => db.transaction().execute(work));
}

/** `attempt` again, after a growing random pause, while the database aborts it for contention. */
export async function retryTransientConflicts<T>(attempt: () => Promise<T>): Promise<T> {
  for (let attempts = 1; ; attempts++) {
    try {
      return await attempt();
    } catch (error) {
      if (attempts >= MAX_ATTEMPTS || !isTransientConflict(error)) throw error;
      await delay(Math.random() * 10 * 2 ** attempts);
    }
  }
}

// MySQL: 1213 deadlock, 1205 lock wait timeout. PostgreSQL: 40001 serialization, 40P01 deadlock.
// SQLite: SQLITE_BUSY* once busy_timeout has run out.
export function isTransientConflict(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, errno } = error as { code?: unknown; errno?: unknown };
  if (errno === 1213 || errno === 1205) return true;
  if (code === '40001' || code === '40P01') return true;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
