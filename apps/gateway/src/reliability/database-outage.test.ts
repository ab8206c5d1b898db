import { createStorage, type Storage } from '@oneapi/storage';
import { listTestDatabases, type TestStorage } from '@oneapi/storage/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGateway, jsonRequest, type TestGateway } from '../testing/create-test-gateway';
import { type FaultProxy, startFaultProxy } from '../testing/reliability/fault-proxy';
import { type FaultUpstream, startFaultUpstream } from '../testing/reliability/fault-upstream';
import { expectOpenAIError, listAllLogs, reportFigure, scaled } from './reliability-kit';

const mysql = listTestDatabases().find((database) => database.dialect === 'mysql')!;
const OUTAGE_MS = scaled(5_000, 30_000);
const ROOT = { authorization: 'Bearer root-access-token' };
const API_KEY = 'sk-rootdboutage0123456789';
/** How long a request may take while the database is away: the watch's timeout plus slack. */
const FAIL_FAST_MS = 1_000;

interface Outcome {
  readonly status: number;
  readonly ms: number;
  readonly requestId: string | null;
  readonly body: unknown;
  /** When it was sent, relative to the blackhole (negative: before). */
  readonly sentAt: number;
}

// MariaDB behind the fault proxy, blackholed (a dropped route) then restored, while a client
// keeps sending: requests fail fast with 503 instead of hanging, none is served unbilled, and
// the same process serves again once the route is back.
describe.skipIf(mysql.skipReason !== undefined)(
  `database outage through the fault proxy [mysql]${mysql.skipReason ? ` (skipped: ${mysql.skipReason})` : ''}`,
  () => {
    let direct: TestStorage;
    let proxied: Storage;
    let proxy: FaultProxy;
    let upstream: FaultUpstream;
    let gateway: TestGateway;

    beforeAll(async () => {
      // A throwaway database, reached directly by the test and through the proxy by the gateway.
      direct = await mysql.create();
      await direct.migrate();
      const { name } = await direct.db
        .selectNoFrom((eb) => eb.fn<string>('database', []).as('name'))
        .executeTakeFirstOrThrow();
      const url = new URL(process.env.TEST_MYSQL_DSN!);
      url.pathname = `/${name}`;
      proxy = await startFaultProxy({ host: url.hostname, port: Number(url.port || 3306) });
      proxied = await createStorage({ dsn: proxy.proxiedUrl(url.toString()) });
      upstream = await startFaultUpstream(() => ({ kind: 'answer' }));
      gateway = await createTestGateway(
        {
          INITIAL_ROOT_ACCESS_TOKEN: 'root-access-token',
          INITIAL_ROOT_TOKEN: API_KEY,
          GLOBAL_API_RATE_LIMIT: '100000',
        },
        { storage: proxied },
      );
      await gateway.listen();
      const channel = await fetch(
        `${gateway.url}/api/channels`,
        jsonRequest(
          'POST',
          {
            type: 'openai',
            name: 'up',
            key: 'sk-up',
            baseUrl: `${upstream.url}/v1`,
            allowPrivateNetwork: true,
            models: ['gpt-4o'],
          },
          ROOT,
        ),
      );
      expect(channel.status).toBe(201);
      const credit = await fetch(
        `${gateway.url}/api/users/1/quota`,
        jsonRequest(
          'POST',
          { amount: 10_000_000, idempotencyKey: 'credit-outage', reason: 'test' },
          ROOT,
        ),
      );
      expect(credit.status).toBe(201);
    }, 60_000);

    afterAll(async () => {
      proxy?.setMode({ kind: 'pass' });
      await gateway?.close();
      await proxied?.close();
      await proxy?.close();
      await upstream?.close();
      await direct?.dispose();
    }, 60_000);

    const chat = async (origin: number): Promise<Outcome> => {
      const sentAt = Date.now() - origin;
      const started = Date.now();
      const response = await fetch(
        `${gateway.url}/v1/chat/completions`,
        jsonRequest(
          'POST',
          { model: 'gpt-4o', max_tokens: 20, messages: [{ role: 'user', content: 'hi' }] },
          { authorization: `Bearer ${API_KEY}` },
        ),
      );
      const body = await response.json();
      return {
        status: response.status,
        ms: Date.now() - started,
        requestId: response.headers.get('x-request-id'),
        body,
        sentAt,
      };
    };

    it('refuses fast with 503 while the database is away and serves again after', async () => {
      const startQuota = (await direct.repositories.users.findById(1))!.quota;
      expect((await chat(Date.now())).status).toBe(200);

      const blackholedAt = Date.now();
      proxy.setMode({ kind: 'blackhole' });
      const outcomes: Promise<Outcome>[] = [];
      while (Date.now() - blackholedAt < OUTAGE_MS) {
        outcomes.push(chat(blackholedAt));
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      // Noticed: readiness fails without waiting on the database.
      const ready = await fetch(`${gateway.url}/readyz`);
      expect(ready.status).toBe(503);
      proxy.setMode({ kind: 'pass' });
      const restoredAt = Date.now();
      let recoveredAfterMs = -1;
      for (;;) {
        const outcome = await chat(blackholedAt);
        outcomes.push(Promise.resolve(outcome));
        if (outcome.status === 200) {
          recoveredAfterMs = Date.now() - restoredAt;
          break;
        }
        expect(Date.now() - restoredAt).toBeLessThan(10_000);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const settled = await Promise.all(outcomes);

      // Every answer a 200 or an OpenAI-shaped 503; after the watch noticed (its timeout plus
      // an interval), every request during the outage answered within FAIL_FAST_MS.
      const refused = settled.filter((outcome) => outcome.status === 503);
      for (const outcome of settled) {
        expect([200, 503]).toContain(outcome.status);
        if (outcome.status === 503) expectOpenAIError(outcome.body, 'database_unavailable');
      }
      const noticedAt = Math.min(...refused.map((outcome) => outcome.sentAt));
      expect(noticedAt).toBeLessThan(2_500);
      const duringOutage = settled.filter(
        (outcome) => outcome.sentAt >= noticedAt && outcome.sentAt < restoredAt - blackholedAt,
      );
      expect(duringOutage.length).toBeGreaterThan(0);
      for (const outcome of duringOutage) expect(outcome.ms).toBeLessThan(FAIL_FAST_MS);

      // None served unbilled: every 200 has its consume log, no reservation is left open,
      // and the balance moved by exactly the logged charges.
      await expect.poll(() => direct.repositories.quotaReservations.countOpen()).toBe(0);
      const consume = await listAllLogs(direct, { userId: 1, type: 'consume' });
      const served = settled.filter((outcome) => outcome.status === 200);
      const logged = new Set(consume.map((entry) => entry.requestId));
      for (const outcome of served) expect(logged.has(outcome.requestId)).toBe(true);
      // The first request, before the outage, is not in `settled`.
      expect(consume).toHaveLength(served.length + 1);
      const charged = consume.reduce((total, entry) => total + entry.quota, 0);
      expect((await direct.repositories.users.findById(1))!.quota).toBe(startQuota - charged);

      const slowest = Math.max(...duringOutage.map((outcome) => outcome.ms));
      const held = settled.filter((outcome) => outcome.sentAt < noticedAt);
      reportFigure(
        `database outage (mysql, ${OUTAGE_MS} ms blackhole): noticed after ${noticedAt} ms; ` +
          `${duringOutage.length} requests during the outage refused 503 in at most ${slowest} ms; ` +
          `${held.length} sent before it was noticed waited (slowest ${Math.max(0, ...held.map((o) => o.ms))} ms) ` +
          `and were served after the restore; serving again ${recoveredAfterMs} ms after the restore; ` +
          `${served.length} x 200, all billed, books exact`,
      );
    }, 60_000);
  },
);
