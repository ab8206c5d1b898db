import { StorageError } from './storage-error';

/**
 * Reads a whole number the database returned (a number, or a string for BIGINT and DECIMAL)
 * and refuses anything that is not a safe integer: quota arithmetic must never round.
 */
export function readInteger(value: unknown): number {
  const number = typeof value === 'bigint' ? Number(value) : Number(value);
  if (!Number.isSafeInteger(number)) {
    throw new StorageError(
      'unsafe_integer',
      `Expected a safe integer from the database, got ${String(value)}`,
    );
  }
  return number;
}

/** Parses a JSON text column, naming the column when the stored text is corrupt. */
export function readJson<T>(value: string | null, column: string): T | null {
  if (value === null) return null;
  try {
    return JSON.parse(value) as T;
  } catch (cause) {
    throw new StorageError('invalid_stored_value', `Column ${column} holds invalid JSON`, {
      cause,
    });
  }
}

export function writeJson(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

export const toFlag = (value: boolean): number => (value ? 1 : 0);
export const fromFlag = (value: number | boolean): boolean => value === true || value === 1;

/**
 * `value` cut to `length` characters (code points, as MySQL's and PostgreSQL's varchar count
 * them), never inside a surrogate pair. For texts a caller controls, written in the same
 * transaction as what must not fail (a settlement's log row): too long for its column, the
 * value would fail the whole transaction on MariaDB and PostgreSQL.
 */
export function fitText(value: string | null | undefined, length: number): string | null {
  if (value == null) return null;
  if (value.length <= length) return value;
  let end = 0;
  for (let count = 0; count < length && end < value.length; count++)
    end += (value.codePointAt(end) ?? 0) > 0xffff ? 2 : 1;
  return value.slice(0, end);
}
