import { request } from './request';
import type { LogEntry, LogType, Page } from './types';

/** The filters the Logs page offers; the gateway limits users to their own rows. */
export interface LogFilters {
  type?: LogType;
  model?: string;
  status?: number;
  /** Admins only, by username; the gateway ignores it for users. */
  username?: string;
}

export const LOG_PAGE_SIZE = 50;

/** Adds the filters that are set to `query`. */
function appendFilters(query: URLSearchParams, filters: LogFilters): URLSearchParams {
  for (const [name, value] of Object.entries(filters)) {
    if (value !== undefined) query.set(name, String(value));
  }
  return query;
}

/** `limit=50&type=consume&cursor=…`: only the filters that are set. */
export function toLogQuery(filters: LogFilters, cursor: string | null): string {
  const query = appendFilters(new URLSearchParams({ limit: String(LOG_PAGE_SIZE) }), filters);
  if (cursor) query.set('cursor', cursor);
  return query.toString();
}

/**
 * The CSV download of the log with the same filters. A plain link is enough: the browser
 * sends the session cookie with a same-origin GET, and a GET needs no CSRF token.
 */
export function toLogExportUrl(filters: LogFilters): string {
  const query = appendFilters(new URLSearchParams(), filters).toString();
  return `/api/logs/export.csv${query ? `?${query}` : ''}`;
}

export const listLogs = (filters: LogFilters, cursor: string | null) =>
  request<Page<LogEntry>>('GET', `/api/logs?${toLogQuery(filters, cursor)}`);
