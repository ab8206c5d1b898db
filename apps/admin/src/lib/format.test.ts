import { describe, expect, it } from 'vitest';
import {
  formatCompact,
  formatCount,
  formatDate,
  formatDollars,
  formatMoney,
  formatQuota,
} from './format';
import { formatAxisLabel, toUsageTimeline } from './usage-series';

describe('formatting in the chosen language', () => {
  it('writes numbers and money with Intl', () => {
    expect(formatCount(1_234_567, 'en')).toBe('1,234,567');
    expect(formatCount(1_234_567, 'zh-CN')).toBe('1,234,567');
    expect(formatQuota(1_234_567, 'en')).toBe('1,234,567 (≈ $2.4691)');
    expect(formatDollars(0.0123, 'zh-CN')).toBe('US$0.0123');
    expect(formatCompact(12_345, 'en')).toBe('12.3K');
    expect(formatCompact(12_345, 'zh-CN')).toBe('1.2万');
    expect(formatMoney(110, 'CNY', 'zh-CN')).toBe('¥110.00');
    expect(formatMoney(110, 'XYZ1', 'en')).toBe('110 XYZ1');
  });

  it('writes dates in the language, or a dash', () => {
    const ms = new Date(2026, 5, 3, 14, 5).getTime();
    expect(formatDate(ms, 'zh-CN')).toBe('2026/6/3 14:05:00');
    expect(formatDate(ms, 'en')).toMatch(/^6\/3\/2026, 2:05:00\sPM$/);
    expect(formatDate(null, 'en')).toBe('—');
    const week = toUsageTimeline('7d', ms);
    expect(formatAxisLabel(week.bins[0]!, week, 'zh-CN')).toMatch(/^\d+月\d+日$/);
    expect(formatAxisLabel(week.bins[0]!, week, 'en')).toMatch(/^[A-Z][a-z]{2} \d+$/);
    const day = toUsageTimeline('24h', ms);
    expect(formatAxisLabel(day.bins.at(-1)!, day, 'en')).toBe('14:00');
  });
});
