import { createStorage, type Storage } from '@oneapi/storage';
import { listTestDatabases, type TestStorage } from '@oneapi/storage/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGateway, type TestGateway } from '../testing/create-test-gateway';
import { type FaultProxy, startFaultProxy } from '../testing/reliability/fault-proxy';
import { type FaultUpstream, startFaultUpstream } from '../testing/reliability/fault-upstream';
import {
  expectOpenAIError,
  listAllLogs,
  provisionRootRelay,
  reportFigure,
  scaled,
  sendChat,
} from '../testing/reliability/reliability-kit';

/** Per server dialect: the variable naming its server, and how to ask a connection's database. */
const SERVERS = {
  mysql: { variable: 'TEST_MYSQL_DSN', defaultPort: 3306, currentDatabase: 'database' },
  postgres: {
    variable: 'TEST_POSTGRES_DSN',
    defaultPort: 5432,
    currentDatabase: 'current_database',
  },
} as const;
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

// MariaDB or PostgreSQL behind the fault proxy, blackholed (a dropped route) then restored,
// while a client keeps sending: requests fail fast with 503 instead of hanging, none is served
// unbilled, and the same process serves again once the route is back.
for (const database of listTestDatabases()) {
  if (database.dialect === 'sqlite') continue; // a file: no route to drop
  const server = SERVERS[database.dialect];
  describe.skipIf(database.skipReason !== undefined)(
    `database outage through the fault proxy [${database.dialect}]${database.skipReason ? ` (skipped: ${database.skipReason})` : ''}`,
    () => {
      let direct: TestStorage;
      let proxied: Storage;
      let proxy: FaultProxy;
      let upstream: FaultUpstream;
      let gateway: TestGateway;

      beforeAll(async () => {
        // A throwaway database, reached directly by the test and through the proxy by the gateway.
        direct = await database.create();
        await direct.migrate();
        const { name } = await direct.db
          .selectNoFrom((eb) => eb.fn<string>(server.currentDatabase, []).as('name'))
          .executeTakeFirstOrThrow();
        const url = new URL(process.env[server.variable]!);
        url.pathname = `/${name}`;
        proxy = await startFaultProxy({
          host: url.hostname,
          port: Number(url.port || server.defaultPort),
        });
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
        await provisionRootRelay(gateway.url, upstream.url, ROOT, 'credit-outage');
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
        const response = await sendChat(gateway.url, API_KEY);
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
          `database outage (${database.dialect}, ${OUTAGE_MS} ms blackhole): noticed after ${noticedAt} ms; ` +
            `${duringOutage.length} requests during the outage refused 503 in at most ${slowest} ms; ` +
            `${held.length} sent before it was noticed waited (slowest ${Math.max(0, ...held.map((o) => o.ms))} ms) ` +
            `and were served after the restore; serving again ${recoveredAfterMs} ms after the restore; ` +
            `${served.length} x 200, all billed, books exact`,
        );
      }, 60_000);
    },
  );
}
