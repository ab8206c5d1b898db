import { Hono } from 'hono';
import { z } from 'zod';
import type { GatewayServices } from '../../compose';
import type { AppEnv } from '../../http/app-env';
import { GatewayError } from '../../http/gateway-error';
import { parseQuery } from '../../http/parse-body';
import { toUsageBuckets } from './usage-buckets';

const HOUR_MS = 3_600_000;
const DEFAULT_RANGE_MS = 24 * HOUR_MS;
/** The rollups are summed in memory: a range is capped so one request stays small. */
const MAX_RANGE_MS = 93 * 24 * HOUR_MS;

const range = {
  /** Epoch milliseconds, inclusive (its hour counts). Default: `to` minus 24 hours. */
  from: z.coerce.number().int().min(0).optional(),
  /** Epoch milliseconds, exclusive. Default: now. */
  to: z.coerce.number().int().min(0).optional(),
};
export const allUsageQuery = z.object({
  ...range,
  groupBy: z.enum(['model', 'user', 'channel']).optional(),
  userId: z.coerce.number().int().positive().optional(),
  tokenId: z.coerce.number().int().positive().optional(),
  channelId: z.coerce.number().int().min(0).optional(),
  model: z.string().min(1).max(191).optional(),
});
// Only these: a user's own usage is never narrowed to, or widened to, another user. A tokenId
// narrows within it: another user's key matches none of one's own rows.
export const selfUsageQuery = z.object({
  ...range,
  groupBy: z.enum(['model']).optional(),
  tokenId: z.coerce.number().int().positive().optional(),
});

/**
 * Hourly usage for charts, from the usage_hourly rollups that settlement keeps: admins see
 * everyone's (split by model, user or channel), a user their own.
 */
export function createUsageRoutes(services: GatewayServices) {
  const app = new Hono<AppEnv>();
  const { usageHourly } = services.storage.repositories;

  app.get('/usage', async (c) => {
    const { from, to, groupBy, ...filters } = parseQuery(c, allUsageQuery);
    const window = toWindow(from, to);
    const rows = await usageHourly.list({ ...window, ...filters });
    return c.json({ ...window, buckets: toUsageBuckets(rows, groupBy) });
  });

  app.get('/user/self/usage', async (c) => {
    const { from, to, groupBy, tokenId } = parseQuery(c, selfUsageQuery);
    const window = toWindow(from, to);
    const rows = await usageHourly.list({
      ...window,
      userId: c.get('user').id,
      ...(tokenId !== undefined && { tokenId }),
    });
    return c.json({ ...window, buckets: toUsageBuckets(rows, groupBy) });
  });

  return app;
}

function toWindow(from: number | undefined, to: number | undefined) {
  const end = to ?? Date.now();
  const start = from ?? Math.max(end - DEFAULT_RANGE_MS, 0);
  if (start >= end)
    throw new GatewayError('invalid_request', 'from: must be before to', { param: 'from' });
  if (end - start > MAX_RANGE_MS)
    throw new GatewayError('invalid_request', 'from: the range may span at most 93 days', {
      param: 'from',
    });
  return { from: start, to: end };
}
