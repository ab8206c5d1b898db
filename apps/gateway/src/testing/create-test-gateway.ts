import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createStorage, type Storage } from '@oneapi/storage';
import type { GatewayServices } from '../compose';
import { loadConfig } from '../config';
import { createApp } from '../create-app';
import { createServices } from '../create-services';
import type { LookupHost } from '../http/connect-guard';
import { createServeOptions } from '../http/server-options';
import type { Logger } from '../log/create-logger';

export interface TestGateway {
  readonly services: GatewayServices;
  readonly app: ReturnType<typeof createApp>;
  /** `http://127.0.0.1:<port>` once `listen()` was called. */
  url: string;
  listen(): Promise<string>;
  close(): Promise<void>;
}

/**
 * A gateway configured like a real start, for tests: on a fresh SQLite file, or on `storage`
 * (already migrated, owned by the caller: closing the gateway leaves it open) as one of
 * several instances sharing a database and `keyEncryptionKey`.
 */
export async function createTestGateway(
  env: NodeJS.ProcessEnv = {},
  options: {
    logger?: Logger;
    storage?: Storage;
    keyEncryptionKey?: Buffer;
    /** Resolves upstream host names instead of DNS (checkBaseUrl and every upstream connection). */
    lookupHost?: LookupHost;
    /** Replaces the guarded upstream fetch, e.g. to send a public-looking name to 127.0.0.1. */
    fetch?: typeof fetch;
  } = {},
): Promise<TestGateway> {
  const directory = mkdtempSync(join(tmpdir(), 'oneapi-gateway-'));
  // Quiet by default: a test that reads the logs passes its own logger or LOG_LEVEL.
  const config = loadConfig({
    SQLITE_PATH: join(directory, 'oneapi.db'),
    LOG_LEVEL: 'warn',
    ...env,
  });
  const storage = options.storage ?? (await createStorage({ sqlitePath: config.sqlitePath }));
  if (!options.storage) await storage.migrate();
  const services = await createServices({
    config,
    storage,
    keyEncryptionKey: options.keyEncryptionKey ?? randomBytes(32),
    ...(options.logger && { logger: options.logger }),
    ...(options.lookupHost && { lookupHost: options.lookupHost }),
    ...(options.fetch && { fetch: options.fetch }),
  });
  const app = createApp(services);
  let server: ReturnType<typeof serve> | undefined;
  const gateway: TestGateway = {
    services,
    app,
    url: '',
    async listen() {
      await new Promise<void>((resolve) => {
        server = serve(
          {
            fetch: app.fetch,
            port: 0,
            hostname: '127.0.0.1',
            ...createServeOptions(config),
          },
          () => resolve(),
        );
      });
      gateway.url = `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
      return gateway.url;
    },
    async close() {
      await services.close();
      if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
      if (!options.storage) await storage.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
  return gateway;
}

/** A JSON request through the app, without a network, as a signed-in client would send it. */
export function jsonRequest(
  method: string,
  body?: unknown,
  headers: Record<string, string> = {},
): RequestInit {
  return {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  };
}

/** Signs in over HTTP and creates an API key for that user, as a person would in the dashboard. */
export async function createApiKeyAs(
  base: string,
  credentials: { username: string; password: string },
  token: Record<string, unknown> = { name: 'test', unlimitedQuota: true },
): Promise<string> {
  const login = await fetch(`${base}/api/auth/login`, jsonRequest('POST', credentials));
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const session = {
    cookie: login.headers.get('set-cookie')!.split(';')[0]!,
    'x-csrf-token': csrfToken,
  };
  const created = await fetch(`${base}/api/tokens`, jsonRequest('POST', token, session));
  return ((await created.json()) as { key: string }).key;
}
