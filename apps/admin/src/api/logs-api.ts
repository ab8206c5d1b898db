import { request } from './request';
import type { LogEntry, LogType, Page } from './types';

/** The filters the Logs page offers; the gateway limits users to their own rows. */
export interface LogFilters {
  type?: LogType;
  model?: string;
  status?: number;
  /** Admins only; the gateway ignores it for users. */
  userId?: number;
}

export const LOG_PAGE_SIZE = 50;

/** `limit=50&type=consume&cursor=…`: only the filters that are set. */
export function toLogQuery(filters: LogFilters, cursor: string | null): string {
  const query = new URLSearchParams({ limit: String(LOG_PAGE_SIZE) });
  for (const [name, value] of Object.entries(filters)) {
    if (value !== undefined) query.set(name, String(value));
  }
  if (cursor) query.set('cursor', cursor);
  return query.toString();
}

export const listLogs = (filters: LogFilters, cursor: string | null) =>
  request<Page<LogEntry>>('GET', `/api/logs?${toLogQuery(filters, cursor)}`);
