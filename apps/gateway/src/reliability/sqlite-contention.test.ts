import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGateway, jsonRequest, type TestGateway } from '../testing/create-test-gateway';
import { type FaultUpstream, startFaultUpstream } from '../testing/reliability/fault-upstream';
import {
  listAllLogs,
  provisionRootRelay,
  reportFigure,
  scaled,
  sendChat,
} from '../testing/reliability/reliability-kit';

const ROOT = { authorization: 'Bearer root-access-token' };
const API_KEY = 'sk-rootcontention01234567';
const CHATS = scaled(200, 2_000);
const ADMIN_ROUNDS = scaled(20, 200);

// One SQLite file, one process: 200 relay settlements at once while admins edit channels and
// users, top up and read the logs. better-sqlite3 is synchronous and the ledger batches its
// transactions, so SQLITE_BUSY must never reach a client.
describe('SQLite contention: settlements, admin edits and log reads at once', () => {
  let upstream: FaultUpstream;
  let gateway: TestGateway;
  let userId: number;

  beforeAll(async () => {
    // A little latency so the settlements overlap the admin work.
    upstream = await startFaultUpstream(() => ({ kind: 'answer', latencyMs: 20 }));
    gateway = await createTestGateway({
      INITIAL_ROOT_ACCESS_TOKEN: 'root-access-token',
      INITIAL_ROOT_TOKEN: API_KEY,
      GLOBAL_API_RATE_LIMIT: '100000',
      TOKEN_CONCURRENCY_LIMIT: '0',
    });
    await gateway.listen();
    await provisionRootRelay(gateway.url, upstream.url, ROOT, 'credit-busy');
    const user = await fetch(
      `${gateway.url}/api/users`,
      jsonRequest('POST', { username: 'edited', password: 'user-password' }, ROOT),
    );
    expect(user.status).toBe(201);
    userId = ((await user.json()) as { id: number }).id;
  }, 30_000);

  afterAll(async () => {
    await gateway?.close();
    await upstream?.close();
  });

  it('answers every request, none with SQLITE_BUSY, and the books balance', async () => {
    const { storage } = gateway.services;
    const startQuota = (await storage.repositories.users.findById(1))!.quota;
    const started = Date.now();
    const chat = async () => {
      const response = await sendChat(gateway.url, API_KEY);
      return { status: response.status, text: await response.text() };
    };
    const admin = async (round: number) => {
      const calls = [
        fetch(`${gateway.url}/api/channels/1`, jsonRequest('PATCH', { priority: round % 3 }, ROOT)),
        fetch(
          `${gateway.url}/api/users/${userId}`,
          jsonRequest('PATCH', { displayName: `edited ${round}` }, ROOT),
        ),
        fetch(
          `${gateway.url}/api/users/${userId}/quota`,
          jsonRequest(
            'POST',
            { amount: 1_000, idempotencyKey: `busy-top-up-${round}`, reason: 'test' },
            ROOT,
          ),
        ),
        fetch(`${gateway.url}/api/logs?limit=50`, { headers: ROOT }),
      ];
      return Promise.all(
        calls.map(async (call) => {
          const response = await call;
          return { status: response.status, text: await response.text() };
        }),
      );
    };
    const [chats, edits] = await Promise.all([
      Promise.all(Array.from({ length: CHATS }, chat)),
      (async () => {
        const answers = [];
        for (let round = 0; round < ADMIN_ROUNDS; round++) answers.push(...(await admin(round)));
        return answers;
      })(),
    ]);
    const burstMs = Date.now() - started;

    const busy = [...chats, ...edits].filter((answer) =>
      /SQLITE_BUSY|database is locked/i.test(answer.text),
    );
    expect(busy).toEqual([]);
    expect(chats.filter((answer) => answer.status !== 200)).toEqual([]);
    expect(edits.filter((answer) => answer.status >= 300)).toEqual([]);

    // A burst this hot on one key takes quota grants, which go back a second after it cools.
    await expect
      .poll(() => storage.repositories.quotaReservations.countOpen(), { timeout: 5_000 })
      .toBe(0);
    const consume = await listAllLogs(storage, { userId: 1, type: 'consume' });
    expect(consume).toHaveLength(CHATS);
    const charged = consume.reduce((total, entry) => total + entry.quota, 0);
    expect((await storage.repositories.users.findById(1))!.quota).toBe(startQuota - charged);
    expect((await storage.repositories.users.findById(userId))!.quota).toBeGreaterThanOrEqual(
      ADMIN_ROUNDS * 1_000,
    );
    reportFigure(
      `SQLite contention: ${CHATS} chats all 200 with ${edits.length} admin calls ` +
        `(${ADMIN_ROUNDS} rounds of channel edit, user edit, top-up, log read) in ${burstMs} ms; ` +
        `0 SQLITE_BUSY; books exact`,
    );
  }, 60_000);
});
