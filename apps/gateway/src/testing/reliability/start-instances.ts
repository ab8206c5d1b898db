import { randomBytes } from 'node:crypto';
import type { Storage } from '@oneapi/storage';
import type { TestStorage } from '@oneapi/storage/testing';
import { createTestGateway, type TestGateway } from '../create-test-gateway';

export const ROOT_PASSWORD = 'root-password';
export const ROOT_ACCESS_TOKEN = 'root-access-token';

export interface GatewayInstances {
  readonly gateways: readonly TestGateway[];
  /** `http://127.0.0.1:<port>` of each instance. */
  readonly urls: readonly string[];
  /** Round robin over the instances, as a load balancer would: the i-th request's base URL. */
  urlFor(index: number): string;
  /** Root's access token, for the admin API. */
  readonly root: { readonly authorization: string };
  /**
   * Has every instance reload what an admin write makes stale (channels, keys, prices), as
   * the change bus does over Redis: without Redis an instance never hears of another's writes.
   */
  refresh(): Promise<void>;
  /** Closes the gateways and the extra connection pools; the storage stays the caller's. */
  close(): Promise<void>;
}

export interface StartInstancesOptions {
  /** Migrated or not (the instances migrate it, as at a real start). The caller disposes of it. */
  readonly storage: TestStorage;
  /** Default 2. */
  readonly count?: number;
  /** Shared by every instance under a random key prefix, so runs never see each other's keys. */
  readonly redisUrl?: string | undefined;
  readonly env?: NodeJS.ProcessEnv;
  /** The instances close themselves after this long. Default 120 s. */
  readonly lifetimeMs?: number;
}

/**
 * N gateways behind an imaginary load balancer: one database, one Redis, one key encryption
 * key, each listening on 127.0.0.1. On MySQL and PostgreSQL each instance has its own pool;
 * on SQLite they share one connection, since two connections in one process would wait on
 * each other's write lock with the event loop blocked (better-sqlite3 is synchronous), and a
 * SQLite deployment is one process anyway.
 */
export async function startInstances(options: StartInstancesOptions): Promise<GatewayInstances> {
  const { storage } = options;
  const count = options.count ?? 2;
  await storage.migrate();
  const pools: Storage[] = [];
  for (let index = 1; index < count; index++) {
    if (storage.dialect !== 'sqlite') pools.push(await storage.connectAgain());
  }
  const env: NodeJS.ProcessEnv = {
    INITIAL_ROOT_PASSWORD: ROOT_PASSWORD,
    INITIAL_ROOT_ACCESS_TOKEN: ROOT_ACCESS_TOKEN,
    // Every test request comes from 127.0.0.1: per-IP limits meant for the internet would
    // refuse a test's setup long before its subject.
    GLOBAL_API_RATE_LIMIT: '100000',
    LOGIN_RATE_LIMIT: '100000',
    ...(options.redisUrl && {
      REDIS_CONN_STRING: options.redisUrl,
      REDIS_KEY_PREFIX: `test-${randomBytes(4).toString('hex')}:`,
    }),
    ...options.env,
  };
  const keyEncryptionKey = randomBytes(32);
  // Started together on one database, as a rolling deploy would: one creates root, all start.
  const gateways = await Promise.all(
    Array.from({ length: count }, (_, index) =>
      createTestGateway(env, { storage: pools[index - 1] ?? storage, keyEncryptionKey }),
    ),
  );
  const urls = await Promise.all(gateways.map((gateway) => gateway.listen()));

  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    clearTimeout(lifetime);
    await Promise.all(gateways.map((gateway) => gateway.close()));
    await Promise.all(pools.map((pool) => pool.close()));
  };
  const lifetime = setTimeout(() => void close(), options.lifetimeMs ?? 120_000);
  lifetime.unref();

  return {
    gateways,
    urls,
    urlFor: (index) => urls[index % urls.length]!,
    root: { authorization: `Bearer ${ROOT_ACCESS_TOKEN}` },
    async refresh() {
      for (const gateway of gateways) {
        for (const topic of ['channels', 'tokens', 'options'] as const)
          await gateway.services.changes.publish(topic);
      }
    },
    close,
  };
}
