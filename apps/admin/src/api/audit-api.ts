import { request } from './request';
import type { AuditAction, AuditEntityType, AuditEntry, Page } from './types';

/** The filters the Audit log page offers (GET /api/audit-logs). */
export interface AuditFilters {
  /** The actor's username. */
  actor?: string;
  entityType?: AuditEntityType;
  entityId?: string;
  action?: AuditAction;
  /** Inclusive, epoch ms. */
  from?: number;
  /** Exclusive, epoch ms. */
  to?: number;
}

export const AUDIT_PAGE_SIZE = 50;

function appendFilters(query: URLSearchParams, filters: AuditFilters): URLSearchParams {
  for (const [name, value] of Object.entries(filters)) {
    if (value !== undefined) query.set(name, String(value));
  }
  return query;
}

/** `limit=50&actor=root&cursor=…`: only the filters that are set. */
export function toAuditQuery(filters: AuditFilters, cursor: string | null): string {
  const query = appendFilters(new URLSearchParams({ limit: String(AUDIT_PAGE_SIZE) }), filters);
  if (cursor) query.set('cursor', cursor);
  return query.toString();
}

/** The CSV download with the same filters: a same-origin GET carries the session cookie. */
export function toAuditExportUrl(filters: AuditFilters): string {
  const query = appendFilters(new URLSearchParams(), filters).toString();
  return `/api/audit-logs/export.csv${query ? `?${query}` : ''}`;
}

export const listAuditEntries = (filters: AuditFilters, cursor: string | null) =>
  request<Page<AuditEntry>>('GET', `/api/audit-logs?${toAuditQuery(filters, cursor)}`);
