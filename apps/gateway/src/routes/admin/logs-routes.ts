import { Hono } from 'hono';
import { z } from 'zod';
import type { GatewayServices } from '../../compose';
import type { AppEnv } from '../../http/app-env';
import { parseQuery } from '../../http/parse-body';
import { satisfiesRole } from './admin-policy';

const logQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).optional(),
  cursor: z.string().max(32).optional(),
  from: z.coerce.number().int().min(0).optional(),
  to: z.coerce.number().int().min(0).optional(),
  type: z.enum(['consume', 'topup', 'manage', 'system', 'error', 'audit']).optional(),
  userId: z.coerce.number().int().positive().optional(),
  tokenId: z.coerce.number().int().positive().optional(),
  channelId: z.coerce.number().int().positive().optional(),
  model: z.string().max(191).optional(),
  status: z.coerce.number().int().min(100).max(599).optional(),
  requestId: z.string().max(64).optional(),
});

/**
 * The consumption and audit log, newest first with a keyset cursor (page N costs what page 1
 * does). Users see their own requests; admins see everyone's and may filter by user.
 */
export function createLogsRoutes(services: GatewayServices) {
  const app = new Hono<AppEnv>();
  app.get('/logs', async (c) => {
    const query = parseQuery(c, logQuery);
    const user = c.get('user');
    const userId = satisfiesRole(user.role, 'admin') ? query.userId : user.id;
    const page = await services.storage.repositories.logs.list({
      ...query,
      ...(userId !== undefined && { userId }),
    });
    return c.json(page);
  });
  return app;
}
