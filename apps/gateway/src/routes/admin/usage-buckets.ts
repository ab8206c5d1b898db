import type { UsageHourly } from '@oneapi/storage';

/** What one chart series is split by, besides the hour. */
export type UsageGrouping = 'model' | 'user' | 'channel';

/** One hour of usage, for one model, user or channel when grouped, else for everything. */
export interface UsageBucket {
  /** Start of the UTC hour, epoch milliseconds. */
  readonly hour: number;
  readonly model?: string;
  readonly userId?: number;
  /** 0: requests that reached no channel. */
  readonly channelId?: number;
  requests: number;
  errors: number;
  promptTokens: number;
  completionTokens: number;
  /** Of `promptTokens`, read from the prompt cache. */
  cachedTokens: number;
  quota: number;
}

const COUNTERS = [
  'requests',
  'errors',
  'promptTokens',
  'completionTokens',
  'cachedTokens',
  'quota',
] as const;

const GROUP_FIELDS = {
  model: (row: UsageHourly) => ({ model: row.model }),
  user: (row: UsageHourly) => ({ userId: row.userId }),
  channel: (row: UsageHourly) => ({ channelId: row.channelId }),
} satisfies Record<UsageGrouping, (row: UsageHourly) => Partial<UsageBucket>>;

/**
 * Sums the rollup rows (one per hour, user, key, model and channel) into chart buckets: one
 * per hour, or per hour and `groupBy`. Storage has no grouped query, so this is done here;
 * the rows are already hourly, so there are at most hours x rows-per-hour of them.
 */
export function toUsageBuckets(
  rows: readonly UsageHourly[],
  groupBy?: UsageGrouping,
): UsageBucket[] {
  const buckets = new Map<string, UsageBucket>();
  for (const row of rows) {
    const group = groupBy ? GROUP_FIELDS[groupBy](row) : {};
    const key = `${row.hour}\u0000${Object.values(group).join('')}`;
    let bucket = buckets.get(key);
    if (!bucket) {
      bucket = { hour: Number(row.hour), ...group, ...zeroCounters() };
      buckets.set(key, bucket);
    }
    // MySQL drivers may return BIGINT sums as strings.
    for (const counter of COUNTERS) bucket[counter] += Number(row[counter]);
  }
  return [...buckets.values()].sort(
    (a, b) =>
      a.hour - b.hour ||
      String(a.model ?? a.userId ?? a.channelId ?? '').localeCompare(
        String(b.model ?? b.userId ?? b.channelId ?? ''),
        'en',
        { numeric: true },
      ),
  );
}

function zeroCounters() {
  return {
    requests: 0,
    errors: 0,
    promptTokens: 0,
    completionTokens: 0,
    cachedTokens: 0,
    quota: 0,
  };
}
