/** One hourly rollup row as storage's `usageHourly.list` returns it. */
export interface UsageRollupRow {
  readonly hour: number;
  readonly userId: number;
  readonly tokenId: number;
  readonly model: string;
  readonly channelId: number;
  readonly requests: number;
  readonly errors: number;
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly cachedTokens: number;
  readonly quota: number;
}

const COLUMNS = [
  'userId',
  'tokenId',
  'model',
  'channelId',
  'requests',
  'errors',
  'promptTokens',
  'completionTokens',
  'cachedTokens',
  'quota',
] as const;

/** Hourly rollups as CSV for export, the hour as an ISO UTC timestamp. */
export function usageRollupsToCsv(rows: readonly UsageRollupRow[]): string {
  const header = ['hour', ...COLUMNS.map(toSnakeCase)].join(',');
  const lines = rows.map((row) =>
    [
      new Date(row.hour).toISOString(),
      ...COLUMNS.map((column) => csvField(String(row[column]))),
    ].join(','),
  );
  return `${[header, ...lines].join('\n')}\n`;
}

const toSnakeCase = (name: string) =>
  name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

// Model names are operator-defined: quote them when needed and defuse spreadsheet formulas.
function csvField(value: string): string {
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
