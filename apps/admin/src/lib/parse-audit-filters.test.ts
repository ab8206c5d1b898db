import { describe, expect, it } from 'vitest';
import { changedFields, EMPTY_AUDIT_FILTERS, parseAuditFilters } from './parse-audit-filters';

describe('parseAuditFilters', () => {
  it('sends only what is set, the days as a local-time range with the last day included', () => {
    const parsed = parseAuditFilters({
      ...EMPTY_AUDIT_FILTERS,
      actor: ' root ',
      entityType: 'channel',
      action: 'update',
      fromDate: '2026-12-01',
      toDate: '2026-12-03',
    });
    expect(parsed).toEqual({
      ok: true,
      value: {
        actor: 'root',
        entityType: 'channel',
        action: 'update',
        from: new Date('2026-12-01T00:00:00').getTime(),
        to: new Date('2026-12-04T00:00:00').getTime(),
      },
    });
    expect(parseAuditFilters(EMPTY_AUDIT_FILTERS)).toEqual({ ok: true, value: {} });
  });

  it('refuses a range that ends before it starts, and over-long text', () => {
    const parsed = parseAuditFilters({
      ...EMPTY_AUDIT_FILTERS,
      actor: 'a'.repeat(65),
      fromDate: '2026-12-05',
      toDate: '2026-12-01',
    });
    expect(parsed.ok).toBe(false);
    expect(parsed.ok === false && Object.keys(parsed.errors).sort()).toEqual(['actor', 'toDate']);
  });
});

describe('changedFields', () => {
  it('lists only the fields an update changed', () => {
    expect(
      changedFields(
        { name: 'a', keysMasked: ['****1111'], weight: 1 },
        { name: 'b', keysMasked: ['****2222'], weight: 1 },
      ),
    ).toEqual([
      { field: 'name', before: 'a', after: 'b' },
      { field: 'keysMasked', before: '["****1111"]', after: '["****2222"]' },
    ]);
  });

  it('lists every field of a creation or a deletion', () => {
    expect(changedFields(null, { name: 'a', weight: 1 })).toEqual([
      { field: 'name', before: '', after: 'a' },
      { field: 'weight', before: '', after: '1' },
    ]);
    expect(changedFields({ name: 'a' }, null)).toEqual([{ field: 'name', before: 'a', after: '' }]);
  });
});
