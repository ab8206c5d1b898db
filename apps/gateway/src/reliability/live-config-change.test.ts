import { listTestDatabases, type TestStorage } from '@oneapi/storage/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonRequest } from '../testing/create-test-gateway';
import { type FaultUpstream, startFaultUpstream } from '../testing/reliability/fault-upstream';
import {
  HARNESS_LIFETIME_MS,
  listAllLogs,
  reportFigure,
} from '../testing/reliability/reliability-kit';
import { type GatewayInstances, startInstances } from '../testing/reliability/start-instances';

const mysql = listTestDatabases().find((database) => database.dialect === 'mysql')!;
const redisUrl = process.env.TEST_REDIS_URL;
const skipReason =
  mysql.skipReason ??
  (redisUrl ? undefined : 'TEST_REDIS_URL is not set (e.g. TEST_REDIS_URL=redis://127.0.0.1:6379)');
const API_KEY = 'sk-rootliveconfig0123456789';
/** Each change must be seen by new requests on every instance within this. */
const PROPAGATION_MS = 2_000;

// Two instances on MariaDB and Redis while requests run: an admin disables a channel, raises a
// price and deletes a key through one instance. New requests on both see each change within
// 2 s; requests already running finish on the terms they were admitted on.
describe.skipIf(skipReason !== undefined)(
  `live config change under load, two instances [mysql, Redis]${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    let storage: TestStorage;
    let instances: GatewayInstances;
    let upstream: FaultUpstream;
    let channelA: number;
    let deletedKey: string;
    let deletedKeyId: number;

    const admin = async (
      method: string,
      path: string,
      body?: unknown,
      base = instances.urls[0],
    ) => {
      const response = await fetch(`${base}${path}`, jsonRequest(method, body, instances.root));
      expect(response.status).toBeLessThan(300);
      return response.status === 204
        ? undefined
        : ((await response.json()) as Record<string, unknown>);
    };
    const send = (base: string, options: { stream?: boolean; key?: string } = {}) =>
      fetch(
        `${base}/v1/chat/completions`,
        jsonRequest(
          'POST',
          {
            model: 'gpt-4o',
            max_tokens: 50,
            messages: [{ role: 'user', content: 'hi' }],
            ...(options.stream && { stream: true, stream_options: { include_usage: true } }),
          },
          { authorization: `Bearer ${options.key ?? API_KEY}` },
        ),
      );
    /** The consume log of a request, once settled. */
    const logOf = async (requestId: string | null) => {
      let entry: Awaited<ReturnType<typeof listAllLogs>>[number] | undefined;
      await expect
        .poll(async () => {
          [entry] = await storage.repositories.logs.listByRequestId(requestId!);
          return entry !== undefined;
        })
        .toBe(true);
      return entry!;
    };

    beforeAll(async () => {
      storage = await mysql.create();
      // Streams: 14 events, 100 ms apart; other answers at once.
      upstream = await startFaultUpstream(
        (request) => ({ kind: 'answer', chunkDelayMs: request.stream ? 100 : 0 }),
        { lifetimeMs: HARNESS_LIFETIME_MS },
      );
      instances = await startInstances({
        storage,
        redisUrl,
        lifetimeMs: HARNESS_LIFETIME_MS,
        env: { INITIAL_ROOT_TOKEN: API_KEY, TOKEN_CONCURRENCY_LIMIT: '0' },
      });
      const channel = (name: string, priority: number) =>
        admin('POST', '/api/channels', {
          type: 'openai',
          name,
          key: `sk-${name}`,
          priority,
          baseUrl: `${upstream.url}/v1`,
          allowPrivateNetwork: true,
          models: ['gpt-4o'],
        });
      channelA = (await channel('chan-a', 10))!.id as number;
      await channel('chan-b', 0);
      await admin('POST', '/api/users/1/quota', {
        amount: 100_000_000,
        idempotencyKey: 'live-config-credit',
        reason: 'test',
      });
      const created = (await admin('POST', '/api/tokens', {
        name: 'doomed',
        unlimitedQuota: true,
      }))!;
      deletedKey = created.key as string;
      deletedKeyId = created.id as number;
    }, 60_000);

    afterAll(async () => {
      await instances?.close();
      await storage?.dispose();
      await upstream?.close();
    }, 60_000);

    it('shows each change to new requests on both instances within 2 s; running ones keep their terms', async () => {
      const [first, second] = instances.urls as [string, string];
      const startQuota = (await storage.repositories.users.findById(1))!.quota;
      // The old terms: what a request and a stream cost before the price edit, on channel A.
      const seenBefore = upstream.requests.length;
      const plain = await send(second);
      expect(plain.status).toBe(200);
      await plain.text();
      const oldPlain = await logOf(plain.headers.get('x-request-id'));
      expect(oldPlain.channelId).toBe(channelA);
      expect(upstream.requests.slice(seenBefore).map((request) => request.key)).toEqual([
        'sk-chan-a',
      ]);

      // Running when the admin acts: streams on both instances, two of them with the doomed key.
      const running = await Promise.all([
        send(first, { stream: true }),
        send(second, { stream: true }),
        send(first, { stream: true, key: deletedKey }),
        send(second, { stream: true, key: deletedKey }),
      ]);
      expect(running.map((response) => response.status)).toEqual([200, 200, 200, 200]);
      const runningBodies = running.map((response) => response.text());

      const changedAt = Date.now();
      await admin('PATCH', `/api/channels/${channelA}`, { status: 'manually_disabled' });
      await admin('PUT', '/api/prices/models/gpt-4o', {
        inputPerMillion: 25,
        outputPerMillion: 100,
      });
      await admin('DELETE', `/api/tokens/${deletedKeyId}`);
      const appliedMs = Date.now() - changedAt;

      // Each instance: a new request goes to channel B at the new price; the deleted key is 401.
      const seen: Record<string, number> = {};
      await Promise.all(
        [first, second].map(async (base, index) => {
          for (;;) {
            const response = await send(base);
            const body = await response.text();
            expect(response.status, body).toBe(200);
            const entry = await logOf(response.headers.get('x-request-id'));
            if (entry.channelId !== channelA && entry.quota > oldPlain.quota) break;
            expect(Date.now() - changedAt).toBeLessThan(PROPAGATION_MS);
          }
          seen[`channel and price on instance ${index}`] = Date.now() - changedAt;
          for (;;) {
            const response = await send(base, { key: deletedKey });
            await response.text();
            if (response.status === 401) break;
            expect(Date.now() - changedAt).toBeLessThan(PROPAGATION_MS);
          }
          seen[`key deletion on instance ${index}`] = Date.now() - changedAt;
        }),
      );
      for (const ms of Object.values(seen)) expect(ms).toBeLessThan(PROPAGATION_MS);

      // The running streams finish, on channel A, at the old price, each billed once.
      const texts = await Promise.all(runningBodies);
      for (const text of texts) expect(text.trim().endsWith('data: [DONE]')).toBe(true);
      const runningLogs = await Promise.all(
        running.map((response) => logOf(response.headers.get('x-request-id'))),
      );
      for (const entry of runningLogs) expect(entry.channelId).toBe(channelA);
      const oldStreamQuota = runningLogs[0]!.quota;
      for (const entry of runningLogs) expect(entry.quota).toBe(oldStreamQuota);
      const after = await send(first, { stream: true });
      await after.text();
      const newStream = await logOf(after.headers.get('x-request-id'));
      expect(newStream.quota).toBeGreaterThan(oldStreamQuota);

      // The books.
      await expect.poll(() => storage.repositories.quotaReservations.countOpen()).toBe(0);
      const consume = await listAllLogs(storage, { userId: 1, type: 'consume' });
      expect(new Set(consume.map((entry) => entry.requestId)).size).toBe(consume.length);
      const charged = consume.reduce((total, entry) => total + entry.quota, 0);
      expect((await storage.repositories.users.findById(1))!.quota).toBe(startQuota - charged);

      reportFigure(
        `live config change (mysql, Redis, 2 instances): admin writes took ${appliedMs} ms; seen ` +
          `${Object.entries(seen)
            .map(([what, ms]) => `${what} ${ms} ms`)
            .join(', ')}; ` +
          `4 running streams finished on channel A at ${oldStreamQuota} quota each ` +
          `(new price: ${newStream.quota}); books exact`,
      );
    }, 60_000);
  },
);
