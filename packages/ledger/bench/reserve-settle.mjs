// Reserve + settle throughput of @oneapi/ledger on a real @oneapi/storage database.
// Runs against the built packages: `pnpm --filter @oneapi/ledger build` first (and storage's).
// SQLite always (a temp file); MariaDB/MySQL when TEST_MYSQL_DSN is set (a throwaway
// database, dropped afterwards); PostgreSQL when TEST_POSTGRES_DSN is set.
// Prints a table, then one JSON line per scenario.
import { listTestDatabases } from '@oneapi/storage/testing';
import { createLedger, createPriceTable } from '../dist/index.js';

const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 3_000);
const prices = createPriceTable({
  models: { 'bench-model': { modelRatio: 1, completionRatio: 2 } },
});

async function createAccounts(storage, count) {
  const accounts = [];
  for (let index = 0; index < count; index++) {
    const unique = `${Date.now().toString(36)}-${index}-${Math.random().toString(36).slice(2, 8)}`;
    const user = await storage.repositories.users.create({
      username: `bench-${unique}`,
      displayName: 'Bench',
      role: 'user',
      status: 'enabled',
      groupName: 'default',
      quota: 1_000_000_000_000,
    });
    const token = await storage.repositories.tokens.create({
      userId: user.id,
      name: 'bench',
      keyHash: `bench-${unique}`,
      keyPrefix: 'sk-bench',
      remainQuota: 1_000_000_000_000,
    });
    accounts.push({ userId: user.id, tokenId: token.id });
  }
  return accounts;
}

let sequence = 0;

/** Workers loop reserve+settle for DURATION_MS; each worker uses accounts[worker % n]. */
async function runScenario(storage, { concurrency, accounts }) {
  const ledger = createLedger({ store: storage, prices });
  const latencies = [];
  const deadline = performance.now() + DURATION_MS;
  const worker = async (index) => {
    const account = accounts[index % accounts.length];
    while (performance.now() < deadline) {
      const started = performance.now();
      const reservation = await ledger.reserve({
        requestId: `bench-${process.pid}-${++sequence}`,
        ...account,
        model: 'bench-model',
        group: 'default',
        promptTokens: 120,
        maxTokens: 512,
      });
      await ledger.settle(reservation, {
        channelId: null,
        usage: { promptTokens: 120, completionTokens: 200 },
      });
      latencies.push(performance.now() - started);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, (_, index) => worker(index)));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((left, right) => left - right);
  const percentile = (p) =>
    latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))];
  return {
    operations: latencies.length,
    opsPerSecond: Math.round(latencies.length / elapsed),
    p50Ms: Number(percentile(0.5).toFixed(2)),
    p99Ms: Number(percentile(0.99).toFixed(2)),
  };
}

const rows = [];
for (const database of listTestDatabases()) {
  if (database.skipReason) {
    console.error(`${database.dialect}: skipped (${database.skipReason})`);
    continue;
  }
  const storage = await database.create();
  try {
    await storage.migrate();
    const accounts = await createAccounts(storage, 16);
    const scenarios = [
      { name: 'sequential, one user', concurrency: 1, accounts: accounts.slice(0, 1) },
      { name: '16 concurrent, 16 users', concurrency: 16, accounts },
      { name: '16 concurrent, one user', concurrency: 16, accounts: accounts.slice(0, 1) },
    ];
    for (const scenario of scenarios) {
      const result = await runScenario(storage, scenario);
      rows.push({ dialect: storage.dialect, scenario: scenario.name, ...result });
    }
  } finally {
    await storage.dispose();
  }
}

console.log(`reserve+settle, ${DURATION_MS} ms per scenario (each operation = 2 transactions)`);
console.log('dialect   scenario                    ops/s    p50 ms   p99 ms   ops');
for (const row of rows) {
  console.log(
    `${row.dialect.padEnd(9)} ${row.scenario.padEnd(26)} ${String(row.opsPerSecond).padStart(6)} ${String(row.p50Ms).padStart(8)} ${String(row.p99Ms).padStart(8)} ${String(row.operations).padStart(6)}`,
  );
}
for (const row of rows) console.log(JSON.stringify({ bench: 'reserve-settle', ...row }));
