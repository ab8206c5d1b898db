import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { listTestDatabases, type TestDatabase, type TestStorage } from '@oneapi/storage/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../log/create-logger';
import { createTestGateway, jsonRequest, type TestGateway } from '../testing/create-test-gateway';
import {
  type FaultPlan,
  type FaultUpstream,
  startFaultUpstream,
} from '../testing/reliability/fault-upstream';
import {
  reportFigure,
  SETUP_TIMEOUT_MS,
  TEST_TIMEOUT_MS,
} from '../testing/reliability/reliability-kit';

/*
 * Every channel key is a unique canary. Chats succeed, stream, fail in every way the fault
 * upstream knows (its error bodies quote the key it received); then the admin API, logs,
 * metrics and CSV exports are read, the gateway's log output captured and the database
 * dumped (all columns but the key ciphertext). No canary may appear anywhere. Once per
 * dialect: each one stores and serializes rows in its own way.
 */

const ROOT = { authorization: 'Bearer root-access-token' };
const API_KEY = 'sk-rootsecretsweep0123456789';
// Unique per run: another run sharing the test Redis has canaries of its own.
const RUN = randomBytes(4).toString('hex');
const CANARIES = ['sk-canary-aaaa-7f1c2e', 'sk-canary-bbbb-93d0a4', 'sk-canary-cccc-51be77'].map(
  (canary) => `${canary}-${RUN}`,
);
const REDIS_URL = process.env.TEST_REDIS_URL;

const PLANS: FaultPlan[] = [
  { kind: 'answer' },
  { kind: 'unauthorized' },
  { kind: 'rate-limited', retryAfterSeconds: 1 },
  { kind: 'server-error', status: 500 },
  { kind: 'server-error', status: 503 },
  { kind: 'server-error', status: 400 },
  { kind: 'reset-after-chunks', chunks: 2 },
];

const REDIS_NOTE = REDIS_URL ? ', with Redis' : '';

for (const database of listTestDatabases()) {
  const title = database.skipReason
    ? `secret sweep [${database.dialect}] (skipped: ${database.skipReason})`
    : `secret sweep [${database.dialect}${REDIS_NOTE}]`;
  describe.skipIf(database.skipReason !== undefined)(title, () => defineSweep(database));
}

function defineSweep(database: TestDatabase): void {
  const { dialect } = database;
  // One prefix per dialect's gateway, so each suite counts only its own keys.
  const REDIS_KEY_PREFIX = `secret-sweep-${RUN}-${dialect}:`;
  let storage: TestStorage;
  let gateway: TestGateway;
  /** Every message published on the test Redis while the sweep ran (the change bus's). */
  const published: string[] = [];
  let listener: Redis | undefined;
  let upstream: FaultUpstream;
  let plan: FaultPlan = { kind: 'answer' };
  const logOutput: string[] = [];
  const captured: string[] = [];

  beforeAll(async () => {
    if (REDIS_URL) {
      listener = new Redis(REDIS_URL, { lazyConnect: true });
      await listener.connect();
      listener.on('pmessage', (_pattern, channel, message) =>
        published.push(`${channel} ${message}`),
      );
      await listener.psubscribe('*');
    }
    storage = await database.create();
    await storage.migrate();
    upstream = await startFaultUpstream(() => plan);
    const destination = new Writable({
      write(chunk, _, done) {
        logOutput.push(String(chunk));
        done();
      },
    });
    gateway = await createTestGateway(
      {
        INITIAL_ROOT_PASSWORD: 'root-password',
        INITIAL_ROOT_ACCESS_TOKEN: 'root-access-token',
        INITIAL_ROOT_TOKEN: API_KEY,
        GLOBAL_API_RATE_LIMIT: '100000',
        RETRY_TIMES: '0',
        ...(REDIS_URL && { REDIS_CONN_STRING: REDIS_URL, REDIS_KEY_PREFIX }),
      },
      { logger: createLogger({ level: 'debug', destination }), storage },
    );
    await gateway.listen();
    await fetch(
      `${gateway.url}/api/users/1/quota`,
      jsonRequest('POST', { amount: 1_000_000, idempotencyKey: 'secret-sweep', reason: 't' }, ROOT),
    );
    for (const [index, key] of CANARIES.entries()) {
      const created = await send('POST', '/api/channels', {
        type: index === 2 ? 'anthropic' : 'openai',
        name: `canary-${index}`,
        key,
        baseUrl: index === 2 ? upstream.url : `${upstream.url}/v1`,
        allowPrivateNetwork: true,
        models: [index === 2 ? 'claude-3-5-haiku-latest' : 'gpt-4o'],
        priority: index,
      });
      expect(created.status).toBe(201);
    }
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await gateway?.close();
    await storage?.dispose();
    await upstream?.close();
    listener?.disconnect();
  }, SETUP_TIMEOUT_MS);

  async function send(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = ROOT,
  ) {
    const response = await fetch(`${gateway.url}${path}`, jsonRequest(method, body, headers));
    captured.push(`${method} ${path} ${response.status} ${JSON.stringify([...response.headers])}`);
    const text = await response.text();
    captured.push(text);
    return { status: response.status, text };
  }

  it(
    'no canary in any answer, log line or table',
    async () => {
      const asClient = { authorization: `Bearer ${API_KEY}` };
      const messages = [{ role: 'user', content: 'hi' }];
      for (const next of PLANS) {
        plan = next;
        for (const model of ['gpt-4o', 'claude-3-5-haiku-latest']) {
          for (const stream of [false, true]) {
            await send('POST', '/v1/chat/completions', { model, stream, messages }, asClient);
            await send(
              'POST',
              '/v1/messages',
              { model, stream, max_tokens: 16, messages },
              { ...asClient, 'x-api-key': API_KEY },
            );
          }
        }
      }
      plan = { kind: 'answer' };
      const { items } = JSON.parse((await send('GET', '/api/channels')).text) as {
        items: { id: number }[];
      };
      for (const { id } of items) {
        await send('GET', `/api/channels/${id}`);
        await send('POST', `/api/channels/${id}/test`, {});
        await send('GET', `/api/channels/${id}/upstream-models`);
        await send('GET', `/api/channels/${id}/balance`);
      }
      for (const path of [
        '/api/logs',
        '/api/logs?type=error',
        '/api/logs/export.csv',
        '/api/redemption-codes/export.csv',
        '/api/usage',
        '/api/settings',
        '/api/users',
        '/api/tokens',
        '/metrics',
      ])
        await send('GET', path);

      const { tables, text: rows } = await dumpTables(storage);
      const haystacks = {
        answers: captured.join('\n'),
        'log output': logOutput.join(''),
        database: rows,
      };
      const found = Object.entries(haystacks).flatMap(([where, text]) =>
        CANARIES.filter((canary) => text.includes(canary)).map((canary) => `${canary} in ${where}`),
      );
      expect(found).toEqual([]);
      // The sweep looked where the keys could have gone: the upstream saw and echoed them.
      const received = new Set(upstream.requests.map((request) => request.key));
      expect(CANARIES.filter((canary) => received.has(canary)).length).toBeGreaterThanOrEqual(2);
      // ... and the dump read the channel rows, where the ciphertexts sit.
      for (const index of CANARIES.keys()) expect(rows).toContain(`"name":"canary-${index}"`);
      reportFigure(
        `secret sweep (${dialect}): ${captured.length / 2} answers (${(haystacks.answers.length / 1024).toFixed(0)} KiB), ${logOutput.length} log lines, database ${tables} tables, ${(rows.length / 1024).toFixed(0)} KiB of rows; ${upstream.requests.length} upstream requests echoed their key; 0 canaries found`,
      );
    },
    TEST_TIMEOUT_MS,
  );
  it.skipIf(!REDIS_URL)(
    `no canary in any Redis key, value or published message${REDIS_URL ? '' : ' (skipped: TEST_REDIS_URL is not set, e.g. TEST_REDIS_URL=redis://127.0.0.1:6379)'}`,
    async () => {
      const reader = new Redis(REDIS_URL!, { lazyConnect: true });
      await reader.connect();
      try {
        // Every key on the server, not only this gateway's prefix: a key written outside it
        // would be a leak too. Other runs' keys hold other canaries, never these.
        const dump = await dumpRedis(reader);
        const ours = dump.keys.filter((key) => key.startsWith(REDIS_KEY_PREFIX));
        const text = `${dump.text}\n${published.join('\n')}`;
        expect(CANARIES.filter((canary) => text.includes(canary))).toEqual([]);
        // The sweep looked where the gateway writes: its rate-limit counters and the like.
        expect(ours.length).toBeGreaterThan(0);
        reportFigure(
          `secret sweep (${dialect}), Redis: ${dump.keys.length} keys scanned (${ours.length} of this gateway), ${(text.length / 1024).toFixed(0)} KiB of keys, values and ${published.length} published messages; 0 canaries found`,
        );
      } finally {
        reader.disconnect();
      }
    },
    TEST_TIMEOUT_MS,
  );
}

/**
 * Every table's rows as JSON, key ciphertexts left out (they are the keys, encrypted), and
 * how many tables there were. Kysely's own migration tables are included: every table.
 */
async function dumpTables(storage: TestStorage): Promise<{ tables: number; text: string }> {
  // Untyped on purpose: every table, including ones this test has never heard of.
  const db = storage.db as unknown as {
    introspection: {
      getTables(options: {
        withInternalKyselyTables: boolean;
      }): Promise<{ name: string; schema?: string }[]>;
    };
    selectFrom(table: string): { selectAll(): { execute(): Promise<Record<string, unknown>[]> } };
  };
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  const parts: string[] = [];
  for (const { name, schema } of tables) {
    // PostgreSQL names its schema ('public'); a dotted name is read as schema.table.
    const qualified = schema ? `${schema}.${name}` : name;
    for (const row of await db.selectFrom(qualified).selectAll().execute()) {
      delete row.keyCiphertext;
      parts.push(`${qualified} ${JSON.stringify(row)}`);
    }
  }
  return { tables: tables.length, text: parts.join('\n') };
}

/** Every key on the Redis server with its value, whatever its type, as text. */
async function dumpRedis(redis: Redis): Promise<{ keys: string[]; text: string }> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'COUNT', 1000);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== '0');
  const parts: string[] = [];
  for (const key of keys) {
    const type = await redis.type(key);
    const value =
      type === 'string'
        ? await redis.get(key)
        : type === 'hash'
          ? await redis.hgetall(key)
          : type === 'list'
            ? await redis.lrange(key, 0, -1)
            : type === 'set'
              ? await redis.smembers(key)
              : type === 'zset'
                ? await redis.zrange(key, 0, -1, 'WITHSCORES')
                : type === 'stream'
                  ? await redis.xrange(key, '-', '+')
                  : null;
    parts.push(`${key} ${type} ${JSON.stringify(value)}`);
  }
  return { keys, text: parts.join('\n') };
}
