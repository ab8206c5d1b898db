import type { Page } from '@oneapi/storage';
import type { Context } from 'hono';

/** What a CSV cell may hold; null and undefined are written as an empty field. */
export type CsvCell = string | number | boolean | null | undefined;

/** A column of an export: its header, and how a row fills it. */
export type CsvColumn<T> = readonly [header: string, cell: (row: T) => CsvCell];

/** The most rows one export writes; narrow the filters (`from`, `to`) for more. */
export const EXPORT_MAX_ROWS = 100_000;

const PAGE_SIZE = 500;

// A spreadsheet runs text starting with these as a formula (OWASP "CSV injection"); tab and
// carriage return are on OWASP's list too, as some spreadsheets strip them and read on.
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One field: text that a spreadsheet would run as a formula gets a leading `'`, and a field
 * with a quote, comma or line break is quoted (RFC 4180). Numbers and booleans are written
 * as they are: `-5` is a number, not a formula.
 */
export function toCsvField(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell !== 'string') return String(cell);
  const safe = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One record, newline-terminated (`\n`, as the gateway's other CSV exports). */
export function toCsvLine(cells: readonly CsvCell[]): string {
  return `${cells.map(toCsvField).join(',')}\n`;
}

/** An epoch-ms time as ISO 8601 UTC, or an empty field. */
export const csvTime = (ms: number | null): string =>
  ms === null ? '' : new Date(ms).toISOString();

/** Reads rows page by page through a keyset cursor, at most `max` of them. */
export async function* readPages<T>(
  fetchPage: (request: { cursor: string | null; limit: number }) => Promise<Page<T>>,
  max = EXPORT_MAX_ROWS,
): AsyncGenerator<T[]> {
  let cursor: string | null = null;
  let read = 0;
  while (read < max) {
    const page: Page<T> = await fetchPage({ cursor, limit: Math.min(PAGE_SIZE, max - read) });
    if (page.items.length > 0) yield page.items;
    read += page.items.length;
    cursor = page.nextCursor;
    if (cursor === null) return;
  }
}

/**
 * A CSV download streamed batch by batch, so an export of many pages never sits in memory.
 * The first batch is read before the response starts: a failing query is still an ordinary
 * JSON error. A failure after that can only abort the connection (the file ends short).
 */
export async function csvResponse<T>(
  c: Context,
  options: {
    readonly filename: string;
    readonly columns: readonly CsvColumn<T>[];
    readonly batches: AsyncIterable<readonly T[]>;
  },
): Promise<Response> {
  const { columns } = options;
  const batches = options.batches[Symbol.asyncIterator]();
  let pending: IteratorResult<readonly T[]> | undefined = await batches.next();
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(toCsvLine(columns.map(([header]) => header))));
    },
    async pull(controller) {
      const next = pending ?? (await batches.next());
      pending = undefined;
      if (next.done) return controller.close();
      const lines = next.value.map((row) => toCsvLine(columns.map(([, cell]) => cell(row))));
      controller.enqueue(encoder.encode(lines.join('')));
    },
    async cancel() {
      await batches.return?.(undefined);
    },
  });
  return c.body(body, 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${options.filename}"`,
    'cache-control': 'no-store',
  });
}

/** `<prefix>-YYYY-MM-DD.csv`, the UTC date of the export. */
export const exportFilename = (prefix: string, now = Date.now()) =>
  `${prefix}-${new Date(now).toISOString().slice(0, 10)}.csv`;
