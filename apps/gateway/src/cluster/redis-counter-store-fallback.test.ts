import { createServer, type Server, type Socket } from 'node:net';
import {
  type CounterStore,
  createCounterMetrics,
  createFallbackCounterStore,
  createMemoryCounterStore,
  type RateLimitRule,
} from '@oneapi/ledger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRedis, type RedisClient } from './redis-client';
import { createRedisCounterStore, type RedisCounterStore } from './redis-counter-store';

const COMMAND_TIMEOUT_MS = 50;
const rpm = (limit: number): RateLimitRule => ({
  key: 'down',
  unit: 'requests',
  limit,
  windowMs: 60_000,
  cost: 1,
});

/** A TCP server that accepts connections and never answers: a hung Redis. */
function startBlackhole(): Promise<{ server: Server; port: number; sockets: Set<Socket> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, port: typeof address === 'object' && address ? address.port : 0, sockets });
    });
  });
}

// A blocked call would wait for Redis's connect or command timeouts (seconds) or forever;
// the fallback answers after its ~60 ms deadline. The bound is loose on purpose: it proves
// no request hangs, without turning scheduling noise on a loaded CI machine into failures.
const NO_HANG_MS = 1_000;

async function expectFastFallback(primary: CounterStore) {
  const metrics = createCounterMetrics();
  const limiter = createFallbackCounterStore({
    primary,
    fallback: createMemoryCounterStore(),
    metrics,
  });
  const results: boolean[] = [];
  for (let index = 0; index < 8; index++) {
    const started = performance.now();
    results.push((await limiter.hit([rpm(5)])).allowed);
    expect(performance.now() - started).toBeLessThan(NO_HANG_MS);
  }
  const started = performance.now();
  expect(await limiter.acquire('token:1', 1, 1_000)).not.toBeNull();
  expect(performance.now() - started).toBeLessThan(NO_HANG_MS);
  // The per-instance limits still hold.
  expect(results).toEqual([true, true, true, true, true, false, false, false]);
  expect(metrics.get('rate_limit_redis_fallbacks')).toBe(9);
}

describe('rate limiting with Redis unreachable', () => {
  let blackhole: Awaited<ReturnType<typeof startBlackhole>>;
  const limiters: RedisCounterStore[] = [];
  const clients: RedisClient[] = [];
  beforeAll(async () => {
    blackhole = await startBlackhole();
  });
  afterAll(async () => {
    await Promise.all(limiters.map((limiter) => limiter.close()));
    for (const client of clients) client.disconnect();
    for (const socket of blackhole.sockets) socket.destroy();
    await new Promise((resolve) => blackhole.server.close(resolve));
  });

  it('falls back within the timeout when nothing listens on the port', async () => {
    const limiter = createRedisCounterStore({
      url: 'redis://127.0.0.1:1',
      commandTimeoutMs: COMMAND_TIMEOUT_MS,
    });
    limiters.push(limiter);
    await expectFastFallback(limiter);
  });

  it('falls back within the timeout when Redis accepts but never answers', async () => {
    const limiter = createRedisCounterStore({
      url: `redis://127.0.0.1:${blackhole.port}`,
      commandTimeoutMs: COMMAND_TIMEOUT_MS,
    });
    limiters.push(limiter);
    await expectFastFallback(limiter);
  });

  it('falls back within the timeout when a connected Redis stops answering mid-command', async () => {
    // No ready check: the client believes it is connected and sends every command, so only
    // the command timeout (and the wrapper's own deadline) can end the wait.
    const client = openRedis(`redis://127.0.0.1:${blackhole.port}`, {
      enableReadyCheck: false,
      commandTimeout: COMMAND_TIMEOUT_MS,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      retryStrategy: () => 200,
    });
    clients.push(client);
    await new Promise((resolve) => client.once('ready', resolve));
    await expectFastFallback(createRedisCounterStore({ client }));
  });
});
