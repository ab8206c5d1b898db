import type { Storage } from '@oneapi/storage';
import type { Logger } from '../log/create-logger';

export interface DatabaseWatch {
  /** False from when a ping failed or has been pending past the timeout, until one succeeds. */
  available(): boolean;
  stop(): void;
}

/**
 * Pings the database on an interval, one ping at a time, so relay requests can be refused
 * at once with a 503 while it is unreachable instead of each one waiting on a query that may
 * never return (a dropped route: the drivers have no query timeout, and a connection pool
 * just queues). A request admitted before the outage is noticed still waits for the database.
 */
export function watchDatabase(
  storage: Pick<Storage, 'ping'>,
  logger: Logger,
  options: { readonly intervalMs?: number; readonly timeoutMs?: number } = {},
): DatabaseWatch {
  const intervalMs = options.intervalMs ?? 500;
  const timeoutMs = options.timeoutMs ?? 1_000;
  let available = true;
  let pending = false;
  const mark = (now: boolean, reason?: string) => {
    if (now === available) return;
    available = now;
    if (now) logger.warn({}, 'database reachable again: relay requests served');
    else logger.error({ reason }, 'database unreachable: relay requests refused with 503');
  };
  const check = () => {
    // A ping still pending has already marked the database down at its timeout.
    if (pending) return;
    pending = true;
    const late = setTimeout(() => mark(false, `no answer in ${timeoutMs} ms`), timeoutMs);
    late.unref();
    storage
      .ping()
      .then(
        () => mark(true),
        (error: unknown) => mark(false, String(error)),
      )
      .finally(() => {
        clearTimeout(late);
        pending = false;
      });
  };
  const timer = setInterval(check, intervalMs);
  timer.unref();
  return { available: () => available, stop: () => clearInterval(timer) };
}
