import { describe, expect, it } from 'vitest';
import type { UsageBucket } from '../api/usage-api';
import { binOf, stackPerBin, sumPerBin, totalsOf, toUsageTimeline } from './usage-series';

const HOUR = 3_600_000;
// 2030-01-02 10:30 UTC.
const NOW = Date.UTC(2030, 0, 2, 10, 30);

const bucket = (hour: number, model: string, requests: number, quota = 0): UsageBucket => ({
  hour,
  model,
  requests,
  errors: 0,
  promptTokens: requests * 10,
  completionTokens: requests * 20,
  cachedTokens: 0,
  quota,
});

describe('toUsageTimeline', () => {
  it('has 24 hourly bins, the last holding now', () => {
    const timeline = toUsageTimeline('24h', NOW);
    expect(timeline.bins).toHaveLength(24);
    expect(timeline.bins.at(-1)).toBe(Date.UTC(2030, 0, 2, 10));
    expect(timeline.from).toBe(Date.UTC(2030, 0, 1, 11));
    expect(timeline.to).toBe(NOW);
  });

  it('draws 7 days in 6-hour bins and 30 days in UTC days', () => {
    const week = toUsageTimeline('7d', NOW);
    expect(week.bins).toHaveLength(28);
    expect(week.bins.at(-1)).toBe(Date.UTC(2030, 0, 2, 6));
    const month = toUsageTimeline('30d', NOW);
    expect(month.bins).toHaveLength(30);
    expect(month.bins.at(-1)).toBe(Date.UTC(2030, 0, 2));
    expect(month.from).toBe(Date.UTC(2029, 11, 4));
  });
});

describe('binning', () => {
  const timeline = toUsageTimeline('7d', NOW);

  it('puts each hour in its bin and refuses hours outside', () => {
    expect(binOf(timeline, timeline.from)).toBe(0);
    expect(binOf(timeline, timeline.from + 5 * HOUR)).toBe(0);
    expect(binOf(timeline, timeline.from + 6 * HOUR)).toBe(1);
    expect(binOf(timeline, Date.UTC(2030, 0, 2, 10))).toBe(27);
    expect(binOf(timeline, timeline.from - HOUR)).toBe(-1);
    expect(binOf(timeline, NOW + 24 * HOUR)).toBe(-1);
  });

  it('sums a metric per bin, with zeros where nothing happened', () => {
    const values = sumPerBin(
      [
        bucket(timeline.from, 'a', 1),
        bucket(timeline.from + HOUR, 'b', 2),
        bucket(timeline.from + 7 * HOUR, 'a', 4),
        bucket(timeline.from - HOUR, 'a', 100),
      ],
      timeline,
      'requests',
    );
    expect(values.slice(0, 3)).toEqual([3, 4, 0]);
    expect(values.reduce((sum, value) => sum + value, 0)).toBe(7);
  });
});

describe('stackPerBin', () => {
  const timeline = toUsageTimeline('24h', NOW);
  const at = (index: number) => timeline.bins[index]!;

  it('splits by group, largest first, leaving out groups that spent nothing', () => {
    const series = stackPerBin(
      [bucket(at(0), 'small', 1, 10), bucket(at(0), 'big', 1, 50), bucket(at(1), 'free', 3, 0)],
      timeline,
      'quota',
      (item) => item.model ?? '',
    );
    expect(series.map((item) => [item.label, item.total])).toEqual([
      ['big', 50],
      ['small', 10],
    ]);
    expect(series[0]?.values.slice(0, 2)).toEqual([50, 0]);
  });

  it('sums the groups past the limit as Other', () => {
    const buckets = ['a', 'b', 'c', 'd'].map((model, index) => bucket(at(2), model, 1, 40 - index));
    const series = stackPerBin(buckets, timeline, 'quota', (item) => item.model ?? '', 3);
    expect(series.map((item) => [item.label, item.total])).toEqual([
      ['a', 40],
      ['b', 39],
      ['Other', 38 + 37],
    ]);
    expect(series[2]?.values[2]).toBe(75);
  });
});

describe('totalsOf', () => {
  it('adds up every bucket', () => {
    expect(totalsOf([bucket(0, 'a', 1, 5), bucket(HOUR, 'b', 2, 7)])).toEqual({
      requests: 3,
      errors: 0,
      promptTokens: 30,
      completionTokens: 60,
      quota: 12,
    });
  });
});
