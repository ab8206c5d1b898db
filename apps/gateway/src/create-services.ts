import { useTokenCounter } from '@oneapi/adapters';
import {
  type CounterMetrics,
  type CounterStore,
  createCounterMetrics,
  createFallbackCounterStore,
  createLedger,
  createMemoryCounterStore,
  createPriceTable,
} from '@oneapi/ledger';
import { createRouter } from '@oneapi/router';
import type { Storage } from '@oneapi/storage';
import { createAlertNotifier } from './alerts/alert-notifier';
import { notifyChannelStatus } from './alerts/channel-status-alert';
import { createTokenCache } from './auth/token-cache';
import { ensureRoot } from './bootstrap/ensure-root';
import { type ChangeBus, createLocalChangeBus } from './cluster/change-bus';
import { startInstanceLease } from './cluster/instance-lease';
import { type JobLock, soleInstanceLock } from './cluster/job-lock';
import type { GatewayServices } from './compose';
import type { GatewayConfig } from './config';
import { watchDatabase } from './health/watch-database';
import { type LookupHost, systemLookupHost } from './http/connect-guard';
import { encodeUpstreamJson } from './http/encode-upstream-json';
import { createUpstreamFetch } from './http/upstream-fetch';
import { createLogger, type Logger } from './log/create-logger';
import { createGatewayMetrics } from './metrics/gateway-metrics';
import { createConcurrencyGate } from './middleware/concurrency-gate';
import { startPriceOverrides } from './options/price-overrides';
import { followRoutingSettings } from './options/routing-settings';
import { createHealthEventWriter } from './routing/persist-health-events';
import { createProviderRegistry } from './routing/provider-registry';
import { createStorageChannelSource } from './routing/storage-channel-source';
import { createKeyCipher } from './secrets/key-cipher';
import { offThreadTokenCounter } from './tokenizer/count-tokens-off-thread';
import { createRelayTracer } from './tracing/relay-tracer';

/** Wires the packages into the services the routes use; main.ts and tests share it. */
export async function createServices(options: {
  readonly config: GatewayConfig;
  readonly storage: Storage;
  readonly keyEncryptionKey: Buffer;
  readonly fetch?: typeof fetch;
  readonly logger?: Logger;
  /** Resolves upstream host names (base URLs when saved, every connection); tests pass a table. */
  readonly lookupHost?: LookupHost;
}): Promise<GatewayServices> {
  const { config, storage } = options;
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const cipher = createKeyCipher(options.keyEncryptionKey);
  const lookupHost = options.lookupHost ?? systemLookupHost;
  const { changes, jobLock } = await createClusterLinks(config, logger);
  // Counted in a worker started on demand: the vocabulary (about 60 MB, half a second to load)
  // is resident only while counts come (count_tokens answered here, streams without usage),
  // and its load never holds the event loop.
  useTokenCounter(offThreadTokenCounter());
  const channelSource = createStorageChannelSource(storage, cipher, logger);
  const upstream = options.fetch
    ? { fetch: options.fetch, close: async () => {} }
    : createUpstreamFetch({ lookupHost, allowsPrivate: channelSource.allowsPrivate });
  const upstreamFetch = upstream.fetch;
  const providers = createProviderRegistry(config);
  const alerts = createAlertNotifier({ storage, changes, cipher, logger });
  const alertServices = { storage, changes, cipher, alerts };
  const router = createRouter({
    source: channelSource,
    adapters: providers,
    fetch: upstreamFetch,
    resolveHost: lookupHost,
    // Bodies of megabytes are encoded off the event loop's thread, as they were parsed.
    encodeJson: encodeUpstreamJson,
    policy: {
      maxRetries: config.maxRetries,
      timeouts: {
        firstByteMs: config.relayTimeoutMs,
        idleMs: config.streamIdleTimeoutMs,
        totalMs: Math.max(config.relayTimeoutMs, 600_000),
      },
      revival: config.channelProbe,
    },
    onHealthEvent: createHealthEventWriter(storage, logger, async (event) => {
      notifyChannelStatus(alertServices, event).catch((error: unknown) => {
        logger.error({ event: event.type, err: String(error) }, 'channel alert not sent');
      });
      await changes.publish('channels');
    }),
  });
  // Load the channels now, not on the first request.
  await router.reload();
  const metrics = createCounterMetrics();
  const limits = await createRateLimiter(config, metrics, logger);
  const prices = createPriceTable();
  // The defaults with the admins' persisted edits on top, reloaded on every 'options' change.
  await startPriceOverrides({ prices, options: storage.repositories.options, changes, logger });
  // Registered before the gateway serves: every reservation it opens names a live lease.
  const lease = await startInstanceLease({
    leases: storage.repositories.instanceLeases,
    leaseMs: config.instanceLeaseMs,
    logger,
  });
  const tracer = await createRelayTracer(config.tracing);
  const tokenCache = createTokenCache(storage);
  changes.subscribe('tokens', () => tokenCache.clear());
  changes.subscribe('channels', () => router.reload());
  const services: GatewayServices = {
    config,
    storage,
    cipher,
    prices,
    ledger: createLedger({
      store: storage,
      prices,
      metrics,
      staleReservationMs: config.staleReservationMs,
      defaultMaxTokens: config.defaultMaxTokens,
      instanceId: lease.id,
      // A grant admits holds for a third of the lease at most: a survivor recovers a silent
      // instance's grants only after the whole lease, so it never gives back one still admitting.
      grants: config.quotaGrantAbove > 0 && {
        aboveHoldsPerSecond: config.quotaGrantAbove,
        lifetimeMs: Math.min(10_000, config.instanceLeaseMs / 3),
      },
      onBackgroundError: (error) => logger.warn({ err: String(error) }, 'quota grant failed'),
    }),
    ledgerMetrics: metrics,
    rateLimiter: limits.limiter,
    tokenConcurrency: createConcurrencyGate(config.tokenConcurrencyLimit),
    changes,
    jobLock,
    database: watchDatabase(storage, logger),
    instanceLease: lease,
    async close() {
      // Settlements asked for by the last streams share batched commits, and quota grants go
      // back to their accounts: let them land before the database is closed.
      await services.ledger.close();
      router.close();
      // Alerts already claimed are sent (or given up on) before the process goes.
      await alerts.idle();
      services.database.stop();
      await Promise.all([
        lease.stop(),
        limits.close(),
        changes.close(),
        jobLock.close(),
        upstream.close(),
        // Exports the spans still buffered, so a drained instance's last requests are traced.
        tracer.shutdown().catch((error: unknown) => {
          logger.warn({ err: String(error) }, 'trace export at shutdown failed');
        }),
      ]);
    },
    upstreamFetch,
    providers,
    lookupHost,
    router,
    channelSource,
    logger,
    alerts,
    tokenCache,
    metrics: createGatewayMetrics({ storage, router, ledgerMetrics: metrics }),
    tracer,
    rootState: await ensureRoot(storage, config),
    draining: false,
  };
  await followRoutingSettings(services);
  return services;
}

/**
 * With REDIS_CONN_STRING, instances share changes and take turns at background jobs. The
 * Redis modules (ioredis: some 2.5 MiB of heap) are imported only then.
 */
async function createClusterLinks(
  config: GatewayConfig,
  logger: Logger,
): Promise<{ changes: ChangeBus; jobLock: JobLock }> {
  if (!config.redisUrl) return { changes: createLocalChangeBus(logger), jobLock: soleInstanceLock };
  const redis = { url: config.redisUrl, keyPrefix: config.redisKeyPrefix, logger };
  const [{ createRedisChangeBus }, { createRedisJobLock }] = await Promise.all([
    import('./cluster/redis-change-bus'),
    import('./cluster/redis-job-lock'),
  ]);
  return { changes: await createRedisChangeBus(redis), jobLock: createRedisJobLock(redis) };
}

/**
 * With REDIS_CONN_STRING, limits are shared by every instance through Redis, falling back
 * to per-instance limits within ~60 ms whenever Redis does not answer; without it, they are
 * per instance. Quota never depends on this.
 */
async function createRateLimiter(config: GatewayConfig, metrics: CounterMetrics, logger: Logger) {
  const local = createMemoryCounterStore();
  if (!config.redisUrl) return { limiter: local, close: async () => {} };
  const { createRedisCounterStore } = await import('./cluster/redis-counter-store');
  // The ledger's counter-store port, kept in Redis beside the gateway's other Redis code.
  const redis = createRedisCounterStore({
    url: config.redisUrl,
    keyPrefix: config.redisKeyPrefix,
  }) satisfies CounterStore;
  // Start on shared limits when Redis is there; when it is not, start anyway on local ones.
  await redis.ready(2_000).catch(() => {
    logger.warn({}, 'Redis not reachable at start: per-instance rate limits until it is');
  });
  return {
    limiter: createFallbackCounterStore({ primary: redis, fallback: local, metrics }),
    close: () => redis.close(),
  };
}
