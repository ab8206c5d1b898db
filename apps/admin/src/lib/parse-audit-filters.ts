import type { AuditFilters } from '../api/audit-api';
import type { AuditAction, AuditEntityType } from '../api/types';
import { t } from '../i18n/t';
import { compactErrors, type Parsed } from './validation';

export const AUDIT_ENTITY_TYPES: readonly AuditEntityType[] = [
  'channel',
  'token',
  'user',
  'price',
  'setting',
  'redemption_code',
  'identity',
  'two_factor',
  'passkey',
];
export const AUDIT_ACTIONS: readonly AuditAction[] = [
  'create',
  'update',
  'delete',
  'enable',
  'disable',
  'top_up',
];

/** The filter bar as typed; empty means "any". Dates are `YYYY-MM-DD` from date inputs. */
export interface AuditFilterInput {
  actor: string;
  entityType: string;
  entityId: string;
  action: string;
  fromDate: string;
  toDate: string;
}

export const EMPTY_AUDIT_FILTERS: AuditFilterInput = {
  actor: '',
  entityType: '',
  entityId: '',
  action: '',
  fromDate: '',
  toDate: '',
};

const oneOf = <T extends string>(list: readonly T[], text: string): T | undefined =>
  (list as readonly string[]).includes(text) ? (text as T) : undefined;

/** Local midnight of a `YYYY-MM-DD` day, epoch ms; undefined when empty or not a date. */
function startOfDay(day: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const ms = new Date(`${day}T00:00:00`).getTime();
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * Reads the filter bar into GET /api/audit-logs parameters with the server's bounds. The
 * time range covers whole days in the browser's time zone, the "to" day included.
 */
export function parseAuditFilters(input: AuditFilterInput): Parsed<AuditFilters> {
  const actor = input.actor.trim();
  const entityId = input.entityId.trim();
  const from = input.fromDate === '' ? undefined : startOfDay(input.fromDate);
  const toStart = input.toDate === '' ? undefined : startOfDay(input.toDate);
  const to = toStart === undefined ? undefined : toStart + 86_400_000;
  const errors = compactErrors({
    actor: actor.length > 64 ? t('check.atMost', { max: 64 }) : undefined,
    entityId: entityId.length > 191 ? t('check.atMost', { max: 191 }) : undefined,
    fromDate: input.fromDate !== '' && from === undefined ? t('check.date') : undefined,
    toDate:
      input.toDate !== '' && to === undefined
        ? t('check.date')
        : from !== undefined && to !== undefined && to <= from
          ? t('check.dateOrder')
          : undefined,
  });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const entityType = oneOf(AUDIT_ENTITY_TYPES, input.entityType);
  const action = oneOf(AUDIT_ACTIONS, input.action);
  return {
    ok: true,
    value: {
      ...(actor !== '' && { actor }),
      ...(entityType && { entityType }),
      ...(entityId !== '' && { entityId }),
      ...(action && { action }),
      ...(from !== undefined && { from }),
      ...(to !== undefined && { to }),
    },
  };
}

/** One row of a change: a field and its value before and after, as display text. */
export interface ChangedField {
  readonly field: string;
  readonly before: string;
  readonly after: string;
}

const show = (value: unknown) =>
  value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);

/**
 * The fields of an entry's before and after, top level: for an update only those that
 * differ, for a creation or deletion every field the one side has.
 */
export function changedFields(before: unknown, after: unknown): ChangedField[] {
  const asObject = (value: unknown): Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  const old = asObject(before);
  const next = asObject(after);
  const both = before !== null && after !== null;
  const fields = [...new Set([...Object.keys(old), ...Object.keys(next)])];
  return fields
    .map((field) => ({ field, before: show(old[field]), after: show(next[field]) }))
    .filter((row) => !both || row.before !== row.after);
}
