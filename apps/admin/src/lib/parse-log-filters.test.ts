import { describe, expect, it } from 'vitest';
import { toLogExportUrl, toLogQuery } from '../api/logs-api';
import { EMPTY_LOG_FILTERS, parseLogFilters } from './parse-log-filters';

describe('parseLogFilters', () => {
  it('sends only the filters that are set', () => {
    expect(parseLogFilters(EMPTY_LOG_FILTERS)).toEqual({ ok: true, value: {} });
    expect(
      parseLogFilters({
        type: 'consume',
        model: ' gpt-4o-mini ',
        status: '200',
        username: ' ann ',
      }),
    ).toEqual({
      ok: true,
      value: { type: 'consume', model: 'gpt-4o-mini', status: 200, username: 'ann' },
    });
  });

  it('refuses what the server would refuse', () => {
    const parsed = parseLogFilters({
      type: 'bogus',
      model: '',
      status: '99',
      username: 'x'.repeat(65),
    });
    expect(parsed.ok ? [] : Object.keys(parsed.errors)).toEqual(['status', 'username']);
    expect(parseLogFilters({ ...EMPTY_LOG_FILTERS, status: 'abc' }).ok).toBe(false);
  });
});

describe('toLogQuery', () => {
  it('adds the filters and the cursor to the page size', () => {
    expect(toLogQuery({ model: 'a b', status: 200 }, 'c1')).toBe(
      'limit=50&model=a+b&status=200&cursor=c1',
    );
    expect(toLogQuery({}, null)).toBe('limit=50');
  });
});

describe('toLogExportUrl', () => {
  it('asks the CSV export for the filters shown, without paging', () => {
    expect(toLogExportUrl({})).toBe('/api/logs/export.csv');
    expect(toLogExportUrl({ type: 'audit', model: 'a b&c', status: 429, username: 'ann' })).toBe(
      '/api/logs/export.csv?type=audit&model=a+b%26c&status=429&username=ann',
    );
  });
});
