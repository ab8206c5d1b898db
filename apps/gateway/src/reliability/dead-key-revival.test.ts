import { listTestDatabases, type TestStorage } from '@oneapi/storage/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackgroundJobs } from '../cluster/background-jobs';
import { jsonRequest, type TestGateway } from '../testing/create-test-gateway';
import { type FaultUpstream, startFaultUpstream } from '../testing/reliability/fault-upstream';
import {
  HARNESS_LIFETIME_MS,
  reportFigure,
  SETUP_TIMEOUT_MS,
  TEST_TIMEOUT_MS,
} from '../testing/reliability/reliability-kit';
import { type GatewayInstances, startInstances } from '../testing/reliability/start-instances';
import {
  addChannel,
  channelUrl,
  chat,
  ROOT,
  startFaultGateway,
} from '../testing/reliability/upstream-fault-kit';

/*
 * A key the upstream refused (401) is retired, and its channel auto-disabled once no key is
 * left. Before, only an admin's test brought them back. Now the gateway probes them on a
 * backoff (CHANNEL_PROBE_DELAY, doubling to CHANNEL_PROBE_MAX_DELAY; tenths of a second here)
 * and brings them back when a probe passes; the admin API shows why and when next.
 */

const UPSTREAM_KEY = 'sk-revival-upstream-key-7c1e';
const PROBE_DELAY_S = 0.3;
const PROBE_MAX_DELAY_S = 0.6;

interface ChannelHealthView {
  reason: string | null;
  nextProbeAt: number | null;
  retiredKeys: number;
}

async function listedChannel(gateway: TestGateway, id: number) {
  const response = await fetch(`${gateway.url}/api/channels`, { headers: ROOT });
  expect(response.status).toBe(200);
  const { items } = (await response.json()) as {
    items: { id: number; status: string; statusReason: string | null; health: ChannelHealthView }[];
  };
  return items.find((item) => item.id === id)!;
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, withinMs: number) {
  const started = performance.now();
  for (;;) {
    const value = await read();
    if (done(value)) return { value, ms: performance.now() - started };
    if (performance.now() - started > withinMs) throw new Error(`not within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('retired keys come back by themselves (SQLite)', () => {
  let gateway: TestGateway;
  let upstream: FaultUpstream;
  let stopJobs: () => void;
  let revoked = true;
  let channelId = 0;

  beforeAll(async () => {
    upstream = await startFaultUpstream(() =>
      revoked ? { kind: 'unauthorized' } : { kind: 'answer' },
    );
    gateway = await startFaultGateway({
      CHANNEL_PROBE_DELAY: String(PROBE_DELAY_S),
      CHANNEL_PROBE_MAX_DELAY: String(PROBE_MAX_DELAY_S),
    });
    stopJobs = startBackgroundJobs(gateway.services);
    channelId = await addChannel(gateway, {
      name: 'revival',
      baseUrl: channelUrl(upstream),
      key: UPSTREAM_KEY,
    });
  });

  afterAll(async () => {
    stopJobs?.();
    await gateway?.close();
    await upstream?.close();
  });

  it(
    'shows the reason and the next probe in the channel list, with no key in it',
    async () => {
      const retiredAt = Date.now();
      expect((await chat(gateway, { stream: false })).status).toBeGreaterThanOrEqual(400);
      // The channel's only key is retired: auto-disabled, persisted with the upstream's reason.
      const { value: listed } = await until(
        () => listedChannel(gateway, channelId),
        (channel) => channel.status === 'auto_disabled',
        2_000,
      );
      expect(listed.statusReason).toMatch(/^every key retired; last: upstream 401: /);
      expect(listed.health.reason).toBe(listed.statusReason);
      expect(listed.health.retiredKeys).toBe(1);
      expect(listed.health.nextProbeAt).toBeGreaterThanOrEqual(retiredAt);
      expect(listed.health.nextProbeAt).toBeLessThanOrEqual(Date.now() + PROBE_DELAY_S * 1000);
      expect(JSON.stringify(listed)).not.toContain(UPSTREAM_KEY);
      expect(JSON.stringify(listed)).not.toContain(UPSTREAM_KEY.slice(3));
      reportFigure(`retired key reason shown: ${listed.health.reason}`);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'probes on a doubling backoff while the key stays revoked, then brings it back without an admin',
    async () => {
      const probes = () => upstream.requests.length;
      const before = probes();
      // Two failed probes: after the first delay, then after twice that (the cap).
      const { ms: firstMs } = await until(
        async () => probes(),
        (n) => n >= before + 1,
        5_000,
      );
      const { ms: secondMs } = await until(
        async () => probes(),
        (n) => n >= before + 2,
        5_000,
      );
      expect(secondMs).toBeGreaterThanOrEqual(PROBE_MAX_DELAY_S * 1000 * 0.9);
      expect((await listedChannel(gateway, channelId)).status).toBe('auto_disabled');

      revoked = false;
      const recoveredAt = performance.now();
      const { value: revived } = await until(
        () => listedChannel(gateway, channelId),
        (channel) => channel.status === 'enabled',
        5_000,
      );
      const revivalMs = performance.now() - recoveredAt;
      expect(revived.health).toEqual({ reason: null, nextProbeAt: null, retiredKeys: 0 });
      const answered = await chat(gateway, { stream: false });
      expect(answered.status).toBe(200);
      // No admin test was involved: only the probe job's requests and the chats reached it.
      const testCalls = await fetch(`${gateway.url}/api/channels/${channelId}`, {
        headers: ROOT,
      });
      expect((await testCalls.json()) as { testedAt: number | null }).toMatchObject({
        testedAt: null,
      });
      reportFigure(
        `dead key revival: probes ${firstMs.toFixed(0)} ms then ${secondMs.toFixed(0)} ms apart ` +
          `(delay ${PROBE_DELAY_S} s, cap ${PROBE_MAX_DELAY_S} s); back ${revivalMs.toFixed(0)} ms after the upstream recovered`,
      );
    },
    TEST_TIMEOUT_MS,
  );
});

const mysql = listTestDatabases().find((database) => database.dialect === 'mysql')!;
const redisUrl = process.env.TEST_REDIS_URL;
const clusterSkipReason =
  mysql.skipReason ??
  (redisUrl ? undefined : 'TEST_REDIS_URL is not set (e.g. TEST_REDIS_URL=redis://127.0.0.1:6379)');
const CLUSTER_API_KEY = 'sk-rootrevivalcluster01234567';
const CLUSTER_DELAY_S = 0.4;
const CLUSTER_MAX_DELAY_S = 0.8;

// Two instances on MariaDB and Redis, both of which retired the key: each probe round goes
// out once (the instances claim it in Redis), and the one that passes re-enables the channel
// on both.
describe.skipIf(clusterSkipReason !== undefined)(
  `retired keys come back by themselves, two instances [mysql, Redis]${clusterSkipReason ? ` (skipped: ${clusterSkipReason})` : ''}`,
  () => {
    let storage: TestStorage;
    let instances: GatewayInstances;
    let upstream: FaultUpstream;
    let stops: (() => void)[] = [];
    let revoked = true;
    const probeTimes: number[] = [];
    let channelId = 0;

    const admin = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(
        `${instances.urls[0]}${path}`,
        jsonRequest(method, body, instances.root),
      );
      expect(response.status).toBeLessThan(300);
      return (await response.json()) as Record<string, unknown>;
    };
    const send = (base: string) =>
      fetch(
        `${base}/v1/chat/completions`,
        jsonRequest(
          'POST',
          { model: 'gpt-4o', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] },
          { authorization: `Bearer ${CLUSTER_API_KEY}` },
        ),
      );

    beforeAll(async () => {
      storage = await mysql.create();
      upstream = await startFaultUpstream(
        () => {
          probeTimes.push(performance.now());
          return revoked ? { kind: 'unauthorized' } : { kind: 'answer' };
        },
        { lifetimeMs: HARNESS_LIFETIME_MS },
      );
      instances = await startInstances({
        storage,
        redisUrl,
        lifetimeMs: HARNESS_LIFETIME_MS,
        env: {
          INITIAL_ROOT_TOKEN: CLUSTER_API_KEY,
          CHANNEL_PROBE_DELAY: String(CLUSTER_DELAY_S),
          CHANNEL_PROBE_MAX_DELAY: String(CLUSTER_MAX_DELAY_S),
        },
      });
      stops = instances.gateways.map((gateway) => startBackgroundJobs(gateway.services));
      channelId = (
        await admin('POST', '/api/channels', {
          type: 'openai',
          name: 'revival-cluster',
          key: UPSTREAM_KEY,
          baseUrl: `${upstream.url}/v1`,
          allowPrivateNetwork: true,
          models: ['gpt-4o'],
        })
      ).id as number;
      await admin('POST', '/api/users/1/quota', {
        amount: 10_000_000,
        idempotencyKey: 'revival-cluster-credit',
        reason: 'test',
      });
    }, SETUP_TIMEOUT_MS);

    afterAll(async () => {
      for (const stop of stops) stop();
      await instances?.close();
      await storage?.dispose();
      await upstream?.close();
    }, SETUP_TIMEOUT_MS);

    it(
      'sends each probe round once, then serves on both instances again',
      async () => {
        // Both instances meet the 401 and retire the key.
        await Promise.all(instances.urls.map((base) => send(base)));
        const retiredAt = performance.now();
        await until(
          async () => (await storage.repositories.channels.findById(channelId))?.status,
          (status) => status === 'auto_disabled',
          2_000,
        );
        const requestsBefore = probeTimes.length;
        // Three rounds: 0.4 s, then 0.8 s twice.
        await new Promise((resolve) =>
          setTimeout(resolve, 2_200 - (performance.now() - retiredAt)),
        );
        const probes = probeTimes.slice(requestsBefore);
        const gaps = probes.slice(1).map((at, index) => at - probes[index]!);
        reportFigure(
          `two instances: ${probes.length} probes in 2.2 s, gaps ${gaps.map((gap) => gap.toFixed(0)).join(', ')} ms`,
        );
        expect(probes.length).toBeGreaterThanOrEqual(2);
        expect(probes.length).toBeLessThanOrEqual(3);
        // Without the claim, both instances would probe each round, a few ms apart.
        for (const gap of gaps) expect(gap).toBeGreaterThan(CLUSTER_DELAY_S * 1000 * 0.8);

        revoked = false;
        await until(
          async () => (await storage.repositories.channels.findById(channelId))?.status,
          (status) => status === 'enabled',
          5_000,
        );
        // The instance that did not probe heard of it through the change bus.
        for (const gateway of instances.gateways)
          await until(
            async () =>
              gateway.services.router
                .healthSnapshot()
                .find((health) => health.channelId === channelId),
            (health) =>
              health !== undefined &&
              health.disabledReason === undefined &&
              health.keys[0]?.disabledReason === undefined,
            2_000,
          );
        const answers = await Promise.all(instances.urls.map((base) => send(base)));
        expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
      },
      TEST_TIMEOUT_MS,
    );
  },
);
