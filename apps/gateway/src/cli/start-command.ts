import { rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { checkChannelKeys } from '../bootstrap/check-channel-keys';
import { limitHeapGrowth } from '../bootstrap/limit-heap-growth';
import { resolveKeyEncryptionKey } from '../bootstrap/resolve-key-encryption-key';
import { startBackgroundJobs } from '../cluster/background-jobs';
import { loadConfig } from '../config';
import { createApp } from '../create-app';
import { createServices } from '../create-services';
import { createServeOptions } from '../http/server-options';
import { createKeyCipher } from '../secrets/key-cipher';
import type { CliIo } from './cli-io';
import { openStorage } from './open-storage';

/** `oneapi start`: serves until SIGTERM or SIGINT, then drains and exits 0. */
export async function startServer(io: CliIo): Promise<void> {
  limitHeapGrowth();
  const log = (message: string) => io.print(`oneapi: ${message}`);
  const config = loadConfig(io.env);
  const kek = resolveKeyEncryptionKey(config);
  const { storage, where, applied } = await openStorage(config);
  log(`${storage.dialect} database at ${where}, ${applied.length} migration(s) applied`);
  try {
    await checkChannelKeys(storage, createKeyCipher(kek.key));
  } catch (error) {
    await storage.close();
    // A key generated just now for a database whose channels predate it: do not keep it.
    if (kek.generated) rmSync(kek.generated, { force: true });
    throw error;
  }
  log(`channel keys encrypted with the key from ${kek.source}`);
  for (const name of config.ignoredSettings)
    log(`${name} is set but not used here; see docs/configuration.md ("One API settings")`);

  const services = await createServices({ config, storage, keyEncryptionKey: kek.key });
  const stopJobs = startBackgroundJobs(services);
  const server = serve(
    {
      fetch: createApp(services).fetch,
      port: config.port,
      hostname: config.host,
      ...createServeOptions(config),
    },
    (info) => {
      log(`listening on http://localhost:${info.port}`);
      const state = services.rootState;
      if (state.kind === 'setup') {
        log(`first run: create the root account with the one-time setup token ${state.setupToken}`);
        log(
          `  curl -X POST http://localhost:${info.port}/api/setup -H 'content-type: application/json' -d '{"setupToken":"${state.setupToken}","username":"root","password":"<8+ characters>"}'`,
        );
      } else if (state.kind === 'created') {
        log(`root account "${state.username}" created from INITIAL_ROOT_* settings`);
      }
    },
  );

  // SIGTERM: fail readiness, refuse new work, let in-flight requests (streams included)
  // finish within SHUTDOWN_TIMEOUT, then close everything and exit 0.
  const shutdown = async (signal: string) => {
    if (services.draining) return;
    services.draining = true;
    log(`${signal}: draining for up to ${config.shutdownTimeoutMs / 1000} s`);
    stopJobs();
    // serve() without TLS options returns a plain node:http server.
    const deadline = setTimeout(
      () => (server as Server).closeAllConnections(),
      config.shutdownTimeoutMs,
    );
    // close() ends only the connections idle at that moment; a keep-alive connection whose
    // response ends later would stay open (keepAliveTimeout, 65 s) and hold the exit until
    // SHUTDOWN_TIMEOUT. Close each as soon as it goes idle.
    const idle = setInterval(() => (server as Server).closeIdleConnections(), 100);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    clearTimeout(deadline);
    clearInterval(idle);
    await services.close();
    await storage.close();
    log('stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}
