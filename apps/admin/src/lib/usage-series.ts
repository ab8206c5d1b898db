import type { UsageBucket } from '../api/usage-api';
import { getLocale, INTL_LOCALES, type Locale } from '../i18n/locale-store';

const HOUR_MS = 3_600_000;

export type UsageRange = '24h' | '7d' | '30d';

/**
 * The ranges the Overview offers (their names are `usage.range.*` messages). Longer ranges
 * are drawn in wider bins, so a chart keeps about 24-30 bars instead of 720 one-pixel ones.
 */
export const USAGE_RANGES: Readonly<Record<UsageRange, { spanMs: number; stepMs: number }>> = {
  '24h': { spanMs: 24 * HOUR_MS, stepMs: HOUR_MS },
  '7d': { spanMs: 7 * 24 * HOUR_MS, stepMs: 6 * HOUR_MS },
  '30d': { spanMs: 30 * 24 * HOUR_MS, stepMs: 24 * HOUR_MS },
};

/** The time axis of a chart: bins of `stepMs` from `from`; the last one holds `to`. */
export interface UsageTimeline {
  readonly from: number;
  readonly to: number;
  readonly stepMs: number;
  /** Start of each bin, epoch milliseconds, oldest first. */
  readonly bins: readonly number[];
}

/** The timeline for a range ending now. Bins start on whole UTC steps, as the hours do. */
export function toUsageTimeline(range: UsageRange, now: number): UsageTimeline {
  const { spanMs, stepMs } = USAGE_RANGES[range];
  const count = Math.round(spanMs / stepMs);
  const last = Math.floor(now / stepMs) * stepMs;
  const from = last - (count - 1) * stepMs;
  const bins = Array.from({ length: count }, (_, index) => from + index * stepMs);
  return { from, to: now, stepMs, bins };
}

/** Which bin an hour falls in, or -1 outside the timeline. */
export function binOf(timeline: UsageTimeline, hour: number): number {
  const index = Math.floor((hour - timeline.from) / timeline.stepMs);
  return index >= 0 && index < timeline.bins.length ? index : -1;
}

export type UsageMetric = 'requests' | 'errors' | 'promptTokens' | 'completionTokens' | 'quota';

/** One number per bin: the metric summed over every bucket in it (0 where none is). */
export function sumPerBin(
  buckets: readonly UsageBucket[],
  timeline: UsageTimeline,
  metric: UsageMetric,
): number[] {
  const values = timeline.bins.map(() => 0);
  for (const bucket of buckets) {
    const index = binOf(timeline, bucket.hour);
    if (index !== -1) values[index]! += bucket[metric];
  }
  return values;
}

export interface UsageSeries {
  /** The model or channel, as the chart's legend shows it. */
  readonly label: string;
  /** One value per bin. */
  readonly values: number[];
  readonly total: number;
}

/**
 * The metric per bin and per group, for a stacked chart: the largest `maxSeries - 1`
 * groups by total, then every other one summed as "Other", so colours stay tellable apart.
 * Groups that add up to 0 are left out.
 */
export function stackPerBin(
  buckets: readonly UsageBucket[],
  timeline: UsageTimeline,
  metric: UsageMetric,
  labelOf: (bucket: UsageBucket) => string,
  maxSeries = 6,
  otherLabel = 'Other',
): UsageSeries[] {
  const groups = new Map<string, { label: string; values: number[]; total: number }>();
  for (const bucket of buckets) {
    const index = binOf(timeline, bucket.hour);
    if (index === -1) continue;
    const label = labelOf(bucket);
    let series = groups.get(label);
    if (!series) {
      series = { label, values: timeline.bins.map(() => 0), total: 0 };
      groups.set(label, series);
    }
    series.values[index]! += bucket[metric];
    series.total += bucket[metric];
  }
  const ranked = [...groups.values()]
    .filter((series) => series.total > 0)
    .sort((a, b) => b.total - a.total || a.label.localeCompare(b.label));
  if (ranked.length <= maxSeries) return ranked;
  const kept = ranked.slice(0, maxSeries - 1);
  const rest = ranked.slice(maxSeries - 1);
  const other = {
    label: otherLabel,
    values: timeline.bins.map((_, index) => rest.reduce((sum, s) => sum + s.values[index]!, 0)),
    total: rest.reduce((sum, series) => sum + series.total, 0),
  };
  return [...kept, other];
}

export type UsageTotals = Record<UsageMetric, number>;

/** The sums shown above the charts. */
export function totalsOf(buckets: readonly UsageBucket[]): UsageTotals {
  const totals: UsageTotals = {
    requests: 0,
    errors: 0,
    promptTokens: 0,
    completionTokens: 0,
    quota: 0,
  };
  for (const bucket of buckets) {
    for (const metric of Object.keys(totals) as UsageMetric[]) totals[metric] += bucket[metric];
  }
  return totals;
}

const DAY_MS = 24 * HOUR_MS;
// A 24-hour clock in every language: axis labels stay short.
const HOUR: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
const DAY: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short' };
const formatTime = (start: number, options: Intl.DateTimeFormatOptions, locale: Locale) =>
  new Intl.DateTimeFormat(INTL_LOCALES[locale], options).format(start);

/** An axis label, in local time: `14:00` across a day, `Jun 3` (`6月3日`) across longer ranges. */
export function formatAxisLabel(
  start: number,
  timeline: UsageTimeline,
  locale = getLocale(),
): string {
  const span = timeline.bins.length * timeline.stepMs;
  return formatTime(start, span <= DAY_MS ? HOUR : DAY, locale);
}

/** A bin's start in full, for its tooltip: `Jun 3, 14:00`, or `Jun 3` for a day. */
export function formatBinTitle(
  start: number,
  timeline: UsageTimeline,
  locale = getLocale(),
): string {
  return formatTime(start, timeline.stepMs < DAY_MS ? { ...DAY, ...HOUR } : DAY, locale);
}
