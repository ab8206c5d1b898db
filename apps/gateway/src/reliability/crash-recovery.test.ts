import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStorage, type Storage } from '@oneapi/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonRequest } from '../testing/create-test-gateway';
import { type FaultUpstream, startFaultUpstream } from '../testing/reliability/fault-upstream';
import {
  addProcessChannel,
  creditRoot,
  type GatewayProcess,
  MAIN_MISSING,
  ROOT,
  ROOT_API_KEY,
  readAll,
  startGatewayProcess,
  startStream,
} from '../testing/reliability/gateway-process';
import { listAllLogs, reportFigure, scaled } from '../testing/reliability/reliability-kit';

const STREAMS = scaled(20, 200);
const QUICK = 5;

// kill -9 of the built gateway with streams in flight, then a restart on the same SQLite file
// with a short STALE_RESERVATION_TIMEOUT: recovery closes what the dead process left open.
describe.skipIf(MAIN_MISSING !== undefined)(
  `kill -9 under streaming load, then restart${MAIN_MISSING ? ` (skipped: ${MAIN_MISSING})` : ''}`,
  () => {
    let directory: string;
    let upstream: FaultUpstream;
    const processes: GatewayProcess[] = [];
    const storages: Storage[] = [];

    beforeAll(async () => {
      directory = mkdtempSync(join(tmpdir(), 'oneapi-crash-'));
      // Streams take 14 events x 250 ms; answers without a stream come at once.
      upstream = await startFaultUpstream(
        (request) => ({ kind: 'answer', chunkDelayMs: request.stream ? 250 : 0 }),
        { lifetimeMs: 120_000, maxHangMs: 10_000 },
      );
    });

    afterAll(async () => {
      for (const gateway of processes) gateway.child.kill('SIGKILL');
      for (const storage of storages) await storage.close();
      await upstream?.close();
      rmSync(directory, { recursive: true, force: true });
    });

    const openStorage = async () => {
      const storage = await createStorage({ sqlitePath: join(directory, 'oneapi.db') });
      storages.push(storage);
      return storage;
    };

    it('closes every admitted request exactly once and the books balance', async () => {
      const sqlitePath = join(directory, 'oneapi.db');
      const first = await startGatewayProcess({ SQLITE_PATH: sqlitePath });
      processes.push(first);
      await addProcessChannel(first.base, `${upstream.url}/v1`);
      await creditRoot(first.base, 10_000_000);
      const startQuota = (
        (await (await fetch(`${first.base}/api/users/1`, { headers: ROOT })).json()) as {
          quota: number;
        }
      ).quota;

      // Some requests finish before the crash: they are settled and logged.
      for (let index = 0; index < QUICK; index++) {
        const response = await fetch(
          `${first.base}/v1/chat/completions`,
          jsonRequest(
            'POST',
            { model: 'gpt-4o', max_tokens: 50, messages: [{ role: 'user', content: 'hi' }] },
            { authorization: `Bearer ${ROOT_API_KEY}` },
          ),
        );
        expect(response.status).toBe(200);
        await response.text();
      }
      // The streams are all admitted (headers and a first event received) when the process dies.
      const streams = await Promise.all(
        Array.from({ length: STREAMS }, () => startStream(first.base)),
      );
      expect(streams.map((response) => response.status)).toEqual(streams.map(() => 200));
      const readers = streams.map((response) => readAll(response));
      const killedAt = Date.now();
      first.child.kill('SIGKILL');
      expect(await first.exited).toBeNull();
      const bodies = await Promise.all(readers);
      // Nobody got a [DONE]: each stream was cut by the crash.
      expect(bodies.filter((body) => body.text.includes('[DONE]'))).toHaveLength(0);

      const before = await openStorage();
      const openAtCrash = await before.repositories.quotaReservations.countOpen();
      expect(openAtCrash).toBe(STREAMS);

      // The restart: reservations older than 1 s belong to nobody alive.
      const second = await startGatewayProcess({
        SQLITE_PATH: sqlitePath,
        STALE_RESERVATION_TIMEOUT: '1',
      });
      processes.push(second);
      const restartedAt = Date.now();
      await expect
        .poll(() => before.repositories.quotaReservations.countOpen(), {
          timeout: 15_000,
          interval: 50,
        })
        .toBe(0);
      const recoveredAfterMs = Date.now() - restartedAt;
      const closedAfterKillMs = Date.now() - killedAt;

      // Each reservation closed once: settled from its log, else released in full.
      const reservations = await before.db.selectFrom('quotaReservations').selectAll().execute();
      expect(reservations).toHaveLength(QUICK + STREAMS);
      const consume = await listAllLogs(before, { userId: 1, type: 'consume' });
      const logged = new Map(consume.map((entry) => [entry.requestId, entry]));
      expect(logged.size).toBe(consume.length);
      for (const reservation of reservations) {
        const entry = logged.get(reservation.requestId);
        if (reservation.state === 'settled') expect(entry?.quota).toBe(reservation.charged);
        else
          expect([reservation.state, entry, reservation.charged]).toEqual([
            'released',
            undefined,
            0,
          ]);
      }
      const settled = reservations.filter((reservation) => reservation.state === 'settled');
      expect(settled.length).toBeGreaterThanOrEqual(QUICK);
      const charged = settled.reduce((total, reservation) => total + (reservation.charged ?? 0), 0);
      expect(consume.reduce((total, entry) => total + entry.quota, 0)).toBe(charged);
      const { quota: finalQuota } = (await before.repositories.users.findById(1))!;
      expect(finalQuota).toBe(startQuota - charged);

      // The restarted gateway serves and bills as before.
      const after = await startStream(second.base);
      expect(after.status).toBe(200);
      expect((await readAll(after)).text.trim().endsWith('data: [DONE]')).toBe(true);
      await expect.poll(() => before.repositories.quotaReservations.countOpen()).toBe(0);

      reportFigure(
        `kill -9: ${STREAMS} streams cut, ${QUICK} settled before; restart in ${second.startMs} ms; ` +
          `${openAtCrash} open reservations recovered ${recoveredAfterMs} ms after listening ` +
          `(${closedAfterKillMs} ms after the kill); ` +
          `${settled.length} settled, ${reservations.length - settled.length} released; books exact`,
      );
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    }, 60_000);
  },
);
