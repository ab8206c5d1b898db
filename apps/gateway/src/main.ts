import { serve } from '@hono/node-server';
import { createStorage, maskDsn } from '@oneapi/storage';
import { loadConfig } from './config';
import { createApp } from './create-app';

async function main(): Promise<void> {
  const config = loadConfig();
  const storage = await createStorage({ dsn: config.sqlDsn, sqlitePath: config.sqlitePath });
  const applied = await storage.migrate();
  const where = storage.dialect === 'sqlite' ? config.sqlitePath : maskDsn(config.sqlDsn);
  console.log(
    `oneapi: ${storage.dialect} database at ${where}, ${applied.length} migration(s) applied`,
  );

  const server = serve(
    { fetch: createApp({ storage }).fetch, port: config.port, hostname: config.host },
    (info) => {
      console.log(`oneapi: listening on http://localhost:${info.port}`);
    },
  );

  const shutdown = () => {
    server.close(async () => {
      await storage.close();
      process.exit(0);
    });
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  console.error(`oneapi: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
