// The dashboard's log page at a million rows (issue 7): fills a fresh database with
// BENCH_LOG_ROWS log rows (default 1,000,000) spread over 30 days, 200 users, 400 keys, 20
// channels and 12 models, then times `logs.list` (what GET /api/logs runs) for the pages an
// admin opens: the newest page, a page deep in the cursor chain, and each filter alone and
// combined. SQLite always (a temp file); MariaDB / PostgreSQL when TEST_MYSQL_DSN /
// TEST_POSTGRES_DSN are set (slower to fill: use BENCH_LOG_ROWS to shrink). Runs against the
// built package: `pnpm --filter @oneapi/storage build` first.
// Prints a table, then one JSON line per query.
import { listTestDatabases } from '../dist/testing/index.js';

const ROWS = Number(process.env.BENCH_LOG_ROWS ?? 1_000_000);
const REPEATS = 20;
const DAY_MS = 86_400_000;
const NOW = Date.UTC(2026, 10, 24);
const MODELS = Array.from({ length: 12 }, (_, index) => `model-${index}`);
const TYPES = ['consume', 'consume', 'consume', 'consume', 'error', 'topup'];

/** A deterministic stream of log rows, newest last, as the relay writes them. */
function* logRows(count) {
  // mulberry32: the low bits of a plain LCG repeat, which leaves some ids without rows.
  let seed = 42;
  const next = (limit) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) % limit;
  };
  for (let index = 0; index < count; index++) {
    const type = TYPES[next(TYPES.length)];
    yield {
      type,
      createdAt: NOW - 30 * DAY_MS + Math.floor((index / count) * 30 * DAY_MS),
      userId: 1 + next(200),
      tokenId: 1 + next(400),
      channelId: 1 + next(20),
      model: MODELS[next(MODELS.length)],
      promptTokens: next(4000),
      completionTokens: next(1000),
      quota: next(100_000),
      requestId: `req-${index}`,
      status: type === 'error' ? 502 : 200,
      elapsedMs: next(5000),
      isStream: next(2) === 1,
    };
  }
}

async function fill(storage) {
  const started = performance.now();
  let batch = [];
  for (const row of logRows(ROWS)) {
    batch.push(row);
    if (batch.length === 5_000) {
      const rows = batch;
      batch = [];
      await storage.transaction((repositories) => repositories.logs.insertMany(rows, NOW));
    }
  }
  if (batch.length > 0)
    await storage.transaction((repositories) => repositories.logs.insertMany(batch, NOW));
  return (performance.now() - started) / 1000;
}

async function time(run) {
  const samples = [];
  let rows = 0;
  for (let repeat = 0; repeat < REPEATS; repeat++) {
    const started = performance.now();
    rows = (await run()).items.length;
    samples.push(performance.now() - started);
  }
  samples.sort((left, right) => left - right);
  return { rows, p50Ms: samples[Math.floor(REPEATS / 2)], maxMs: samples.at(-1) };
}

const results = [];
for (const database of listTestDatabases()) {
  if (database.skipReason) {
    console.error(`${database.dialect}: skipped (${database.skipReason})`);
    continue;
  }
  const storage = await database.create();
  try {
    await storage.migrate();
    const fillSeconds = await fill(storage);
    console.error(`${storage.dialect}: ${ROWS} rows written in ${fillSeconds.toFixed(1)} s`);
    const logs = storage.repositories.logs;
    // The cursor 100 pages deep, as "load more" reaches it.
    let cursor = null;
    for (let page = 0; page < 100; page++) cursor = (await logs.list({ cursor })).nextCursor;
    const lastDay = { from: NOW - DAY_MS, to: NOW };
    const queries = [
      ['newest page (50)', () => logs.list({})],
      ['page 101 by cursor', () => logs.list({ cursor })],
      ['one user', () => logs.list({ userId: 17 })],
      ['one key', () => logs.list({ tokenId: 123 })],
      ['one channel', () => logs.list({ channelId: 7 })],
      ['one model', () => logs.list({ model: 'model-3' })],
      ['errors only', () => logs.list({ type: 'error' })],
      ['status 502', () => logs.list({ status: 502 })],
      // Outside the partial type and status indexes (SQLite, PostgreSQL): the time index.
      ['consume only', () => logs.list({ type: 'consume' })],
      ['status 200', () => logs.list({ status: 200 })],
      ['last day', () => logs.list(lastDay)],
      [
        'user + model + last 7 days',
        () => logs.list({ userId: 17, model: 'model-3', from: NOW - 7 * DAY_MS, to: NOW }),
      ],
      ['one request id', () => logs.list({ requestId: `req-${Math.floor(ROWS / 2)}` })],
      ['no match (user 9999)', () => logs.list({ userId: 9999 })],
    ];
    for (const [name, run] of queries) {
      results.push({ dialect: storage.dialect, rows: ROWS, query: name, ...(await time(run)) });
    }
  } finally {
    await storage.dispose();
  }
}

console.log(`logs.list at ${ROWS.toLocaleString('en')} rows, median of ${REPEATS} (ms)`);
console.log('dialect   query                          p50 ms   max ms  rows');
for (const row of results) {
  console.log(
    `${row.dialect.padEnd(9)} ${row.query.padEnd(30)} ${row.p50Ms.toFixed(2).padStart(7)} ${row.maxMs.toFixed(2).padStart(8)} ${String(row.rows).padStart(5)}`,
  );
}
for (const row of results) console.log(JSON.stringify({ bench: 'logs-at-scale', ...row }));
