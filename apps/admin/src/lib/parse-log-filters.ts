import type { LogFilters } from '../api/logs-api';
import type { LogType } from '../api/types';
import { t } from '../i18n/t';
import { compactErrors, type Parsed, parseInteger } from './validation';

export const LOG_TYPES: readonly LogType[] = [
  'consume',
  'topup',
  'manage',
  'system',
  'error',
  'audit',
];

/** The filter bar as typed; empty means "any". */
export interface LogFilterInput {
  type: string;
  model: string;
  status: string;
  username: string;
}

export const EMPTY_LOG_FILTERS: LogFilterInput = { type: '', model: '', status: '', username: '' };

const isLogType = (text: string): text is LogType =>
  (LOG_TYPES as readonly string[]).includes(text);

/** Reads the filter bar into GET /api/logs parameters, with the server's bounds. */
export function parseLogFilters(input: LogFilterInput): Parsed<LogFilters> {
  const model = input.model.trim();
  const status = input.status.trim() === '' ? null : parseInteger(input.status);
  const username = input.username.trim();
  const errors = compactErrors({
    model: model.length > 191 ? t('check.atMost', { max: 191 }) : undefined,
    status:
      status === undefined || (status !== null && (status < 100 || status > 599))
        ? t('check.httpStatus')
        : undefined,
    username: username.length > 64 ? t('check.atMost', { max: 64 }) : undefined,
  });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      ...(isLogType(input.type) && { type: input.type }),
      ...(model !== '' && { model }),
      ...(typeof status === 'number' && { status }),
      ...(username !== '' && { username }),
    },
  };
}
