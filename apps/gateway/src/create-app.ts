import type { Storage } from '@oneapi/storage';
import { Hono } from 'hono';

export interface AppDependencies {
  readonly storage: Storage;
}

/**
 * The HTTP surface. For now: health endpoints over a migrated database, and an honest
 * answer on the relay routes while the relay itself is being built.
 */
export function createApp({ storage }: AppDependencies): Hono {
  const app = new Hono();

  app.get('/healthz', (c) => c.json({ status: 'ok' }));

  app.get('/readyz', async (c) => {
    try {
      await storage.ping();
      return c.json({ status: 'ready', database: storage.dialect });
    } catch {
      return c.json({ status: 'unavailable', database: storage.dialect }, 503);
    }
  });

  app.get('/', (c) =>
    c.text(
      'oneapi gateway: the database is ready; the relay API and the dashboard are not built yet.\n',
    ),
  );

  app.all('/v1/*', (c) =>
    c.json(
      {
        error: {
          message: 'The relay API is not available in this build of oneapi yet.',
          type: 'server_error',
          code: 'not_implemented',
        },
      },
      501,
    ),
  );

  app.notFound((c) =>
    c.json(
      {
        error: {
          message: `No route for ${c.req.method} ${c.req.path}`,
          type: 'invalid_request_error',
          code: 'not_found',
        },
      },
      404,
    ),
  );

  return app;
}
