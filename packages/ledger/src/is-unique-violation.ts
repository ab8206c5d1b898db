/**
 * A duplicate key on any of the three dialects (MySQL 1062, PostgreSQL 23505, SQLite
 * SQLITE_CONSTRAINT_*). The same test as @oneapi/storage's, repeated so the ledger does
 * not import storage at runtime.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, errno } = error as { code?: unknown; errno?: unknown };
  return (
    errno === 1062 ||
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}
