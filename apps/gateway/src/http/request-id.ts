import { newRequestId } from '@oneapi/ledger';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env';

/**
 * Every request's id is the gateway's own (time-ordered, see `newRequestId`), answered as
 * `X-Request-Id`. A client's `X-Request-Id` is not taken: the id keys the request's hold in
 * the ledger, and a client that chose it could have its own retries refused as duplicates,
 * or fail a whole batch of other callers' holds with one too long for the column.
 */
export const assignRequestId: MiddlewareHandler<AppEnv> = async (c, next) => {
  const id = newRequestId();
  c.set('requestId', id);
  c.header('X-Request-Id', id);
  await next();
};
