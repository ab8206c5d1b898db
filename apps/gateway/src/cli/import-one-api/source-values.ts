/**
 * One row of a source table, keys in camelCase (`base_url` reads as `baseUrl`). Values come
 * as each driver returns them: SQLite and MySQL give booleans as 0/1, PostgreSQL as
 * true/false; MySQL's JSON columns arrive parsed, everywhere else they are text.
 */
export type SourceRow = Readonly<Record<string, unknown>>;

/** The text of a column; '' when it is absent or NULL (GORM writes '' for "none"). */
export function readText(row: SourceRow, column: string): string {
  const value = row[column];
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** A whole number; `fallback` when absent, NULL or not a safe integer. */
export function readNumber(row: SourceRow, column: string, fallback = 0): number {
  const value = row[column];
  if (value === null || value === undefined || value === '') return fallback;
  const number = typeof value === 'bigint' ? Number(value) : Number(value);
  return Number.isSafeInteger(number) ? number : fallback;
}

/** A GORM bool, whichever way the dialect stored it. */
export function readFlag(row: SourceRow, column: string): boolean {
  const value = row[column];
  return value === true || value === 1 || value === '1' || value === 't' || value === 'true';
}

/** A JSON column (text or already parsed); undefined when empty or not valid JSON. */
export function readJson(row: SourceRow, column: string): unknown {
  const value = row[column];
  if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) return value;
  const text = readText(row, column).trim();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Seconds since the epoch (One API's `*_time` columns) as our milliseconds; null for 0 or none. */
export function readSeconds(row: SourceRow, column: string): number | null {
  const seconds = readNumber(row, column);
  return seconds > 0 ? seconds * 1000 : null;
}

/** new-api soft-deletes users, tokens and codes (gorm.DeletedAt): those rows are not imported. */
export const isDeleted = (row: SourceRow): boolean =>
  row.deletedAt !== null && row.deletedAt !== undefined && row.deletedAt !== '';

/** A comma-separated list as One API stores models and groups, trimmed, without blanks. */
export function splitList(text: string, separator: RegExp | string = ','): string[] {
  return text
    .split(separator)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

export const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
