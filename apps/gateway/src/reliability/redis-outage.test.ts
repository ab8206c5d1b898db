import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGateway, jsonRequest, type TestGateway } from '../testing/create-test-gateway';
import { type FaultProxy, startFaultProxy } from '../testing/reliability/fault-proxy';
import { type FaultUpstream, startFaultUpstream } from '../testing/reliability/fault-upstream';
import {
  listAllLogs,
  provisionRootRelay,
  reportFigure,
  scaled,
  sendChat,
} from '../testing/reliability/reliability-kit';

const REDIS_URL = process.env.TEST_REDIS_URL;
const ROOT = { authorization: 'Bearer root-access-token' };
const API_KEY = 'sk-rootredisoutage0123456';
const REQUESTS = scaled(20, 200);
/** The fallback's own timeout (60 ms: Redis's 50 ms command timeout plus slack) + 50 ms. */
const EXTRA_MS_ALLOWED = 60 + 50;
/** Per-key requests per minute: with Redis away each instance counts on its own. */
const RPM = 1_000;

async function startGateway(redisUrl: string, upstream: FaultUpstream): Promise<TestGateway> {
  const gateway = await createTestGateway({
    INITIAL_ROOT_ACCESS_TOKEN: 'root-access-token',
    INITIAL_ROOT_TOKEN: API_KEY,
    GLOBAL_API_RATE_LIMIT: '100000',
    RATE_LIMIT_TOKEN_RPM: String(RPM),
    REDIS_CONN_STRING: redisUrl,
    REDIS_KEY_PREFIX: `test-${randomBytes(4).toString('hex')}:`,
  });
  await gateway.listen();
  await provisionRootRelay(gateway.url, upstream.url, ROOT, 'credit-redis');
  return gateway;
}

/** Sends `count` chats one after the other; their latencies in ms, all answered 200. */
async function chats(gateway: TestGateway, count: number): Promise<number[]> {
  const latencies: number[] = [];
  for (let index = 0; index < count; index++) {
    const started = Date.now();
    const response = await sendChat(gateway.url, API_KEY);
    await response.json();
    expect(response.status).toBe(200);
    latencies.push(Date.now() - started);
  }
  return latencies;
}

const median = (values: readonly number[]) =>
  [...values].sort((a, b) => a - b)[values.length >> 1]!;

/** The books: nothing open, the balance moved by exactly the logged charges of `served`. */
async function expectExactBooks(gateway: TestGateway, startQuota: number, served: number) {
  const { storage } = gateway.services;
  await expect.poll(() => storage.repositories.quotaReservations.countOpen()).toBe(0);
  const consume = await listAllLogs(storage, { userId: 1, type: 'consume' });
  expect(consume).toHaveLength(served);
  const charged = consume.reduce((total, entry) => total + entry.quota, 0);
  expect((await storage.repositories.users.findById(1))!.quota).toBe(startQuota - charged);
}

// Redis behind the fault proxy: blackholed while the gateway runs, and away at start. Rate
// limits fall back to per-instance counting within the fallback timeout, quota (in the
// database) is unaffected, and shared limits resume when Redis answers again.
describe.skipIf(!REDIS_URL)(
  `Redis outage through the fault proxy${REDIS_URL ? '' : ' (skipped: TEST_REDIS_URL is not set, e.g. TEST_REDIS_URL=redis://127.0.0.1:6379)'}`,
  () => {
    let upstream: FaultUpstream;
    let proxy: FaultProxy;
    const gateways: TestGateway[] = [];

    beforeAll(async () => {
      upstream = await startFaultUpstream(() => ({ kind: 'answer' }));
      const target = new URL(REDIS_URL!);
      proxy = await startFaultProxy({ host: target.hostname, port: Number(target.port || 6379) });
    });

    afterAll(async () => {
      proxy?.setMode({ kind: 'pass' });
      for (const gateway of gateways) await gateway.close();
      await proxy?.close();
      await upstream?.close();
    }, 30_000);

    it('blackholed while running: no request waits past the fallback, admin writes go on', async () => {
      const gateway = await startGateway(proxy.proxiedUrl(REDIS_URL!), upstream);
      gateways.push(gateway);
      const startQuota = (await gateway.services.storage.repositories.users.findById(1))!.quota;
      let served = 0;
      const count = async (latencies: Promise<number[]>) => {
        const done = await latencies;
        served += done.length;
        return done;
      };
      const fallbacks = () => gateway.services.ledgerMetrics.get('rate_limit_redis_fallbacks');
      const healthy = await count(chats(gateway, REQUESTS));
      expect(fallbacks()).toBe(0);

      proxy.setMode({ kind: 'blackhole' });
      const away = await count(chats(gateway, REQUESTS));
      expect(fallbacks()).toBeGreaterThanOrEqual(REQUESTS);
      const extra = median(away) - median(healthy);
      expect(extra).toBeLessThan(EXTRA_MS_ALLOWED);
      // An admin write publishes its change over Redis: it must not wait for it either.
      const writeStarted = Date.now();
      const write = await fetch(
        `${gateway.url}/api/channels/1`,
        jsonRequest('PATCH', { priority: 1 }, ROOT),
      );
      const writeMs = Date.now() - writeStarted;
      expect(write.status).toBe(200);
      expect(writeMs).toBeLessThan(1_500);

      proxy.setMode({ kind: 'pass' });
      const restoredAt = Date.now();
      let before = fallbacks();
      await count(chats(gateway, 1));
      while (fallbacks() > before) {
        expect(Date.now() - restoredAt).toBeLessThan(10_000);
        await new Promise((resolve) => setTimeout(resolve, 100));
        before = fallbacks();
        await count(chats(gateway, 1));
      }
      const sharedAgainMs = Date.now() - restoredAt;
      await count(chats(gateway, 5));
      expect(fallbacks()).toBe(before);
      await expectExactBooks(gateway, startQuota, served);

      reportFigure(
        `Redis blackholed: ${REQUESTS} requests all 200, median ${median(away)} ms vs ` +
          `${median(healthy)} ms healthy (+${extra} ms), slowest ${Math.max(...away)} ms; ` +
          `admin write ${writeMs} ms; shared limits again ${sharedAgainMs} ms after the restore`,
      );
    }, 60_000);

    it('away at start: the gateway starts and serves, and shares limits once Redis is up', async () => {
      const absent = await startFaultProxy(
        { host: new URL(REDIS_URL!).hostname, port: Number(new URL(REDIS_URL!).port || 6379) },
        { mode: { kind: 'reset' } },
      );
      try {
        const started = Date.now();
        const gateway = await startGateway(absent.proxiedUrl(REDIS_URL!), upstream);
        const startMs = Date.now() - started;
        gateways.push(gateway);
        const startQuota = (await gateway.services.storage.repositories.users.findById(1))!.quota;
        const fallbacks = () => gateway.services.ledgerMetrics.get('rate_limit_redis_fallbacks');
        const away = await chats(gateway, REQUESTS);
        expect(fallbacks()).toBeGreaterThanOrEqual(REQUESTS);
        expect(Math.max(...away)).toBeLessThan(1_000);

        absent.setMode({ kind: 'pass' });
        const upAt = Date.now();
        let served = REQUESTS;
        let before = fallbacks();
        for (;;) {
          await chats(gateway, 1);
          served++;
          if (fallbacks() === before) break;
          before = fallbacks();
          expect(Date.now() - upAt).toBeLessThan(10_000);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        const sharedAfterMs = Date.now() - upAt;
        await expectExactBooks(gateway, startQuota, served);
        reportFigure(
          `Redis away at start: started in ${startMs} ms (setup included); ${REQUESTS} requests ` +
            `all 200, median ${median(away)} ms, slowest ${Math.max(...away)} ms; shared limits ` +
            `${sharedAfterMs} ms after Redis came up`,
        );
      } finally {
        await absent.close();
      }
    }, 60_000);
  },
);
