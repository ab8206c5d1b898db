// Reserve + settle throughput of @oneapi/ledger on a real @oneapi/storage database.
// Runs against the built packages: `pnpm --filter @oneapi/ledger build` first (and storage's).
// SQLite always (a temp file); MariaDB/MySQL when TEST_MYSQL_DSN is set (a throwaway
// database, dropped afterwards); PostgreSQL when TEST_POSTGRES_DSN is set.
// Prints a table, then one JSON line per scenario.
// BENCH_LEDGER=<path of another build's dist/index.js> measures that build instead, for an
// A/B against an older commit with the same script, databases and minute.
// BENCH_SCENARIOS=<names separated by ;> runs only those (default: all).
// BENCH_REQUEST_IDS=random uses random (v4) request ids instead of the time-ordered ones
// the gateway sends (`newRequestId`), to show what the ids' order costs the indexes.
// BENCH_GRANTS=0 turns quota grants off (they are on, as the gateway runs the ledger by
// default: a hot account's holds admitted in memory; decision 0005, step 2).
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { listTestDatabases } from '@oneapi/storage/testing';
import { newRequestId } from '../dist/index.js';

const { createLedger, createPriceTable } = await import(
  process.env.BENCH_LEDGER ? pathToFileURL(process.env.BENCH_LEDGER).href : '../dist/index.js'
);

const GRANTS = process.env.BENCH_GRANTS !== '0';
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

const nextRequestId = process.env.BENCH_REQUEST_IDS === 'random' ? randomUUID : newRequestId;

/**
 * The store as the gateway hands it to the ledger (writeInOneTrip included, on
 * PostgreSQL), counting its transactions and the repository calls made in them: each
 * call is one statement, so statements + 2 x transactions (BEGIN, COMMIT) + one trips is the
 * database round trips on MySQL and PostgreSQL. SQLite's group commit under the store shares
 * BEGIN and COMMIT further.
 */
function countingStore(storage, counts) {
  const countCalls = (repositories) =>
    new Proxy(repositories, {
      get: (target, name) =>
        new Proxy(target[name], {
          get(repository, method) {
            const value = repository[method];
            if (typeof value !== 'function') return value;
            return (...args) => {
              counts.statements += 1;
              return value.apply(repository, args);
            };
          },
        }),
    });
  return {
    isDuplicateKey: (error) => storage.isDuplicateKey(error),
    transaction(work) {
      counts.transactions += 1;
      return storage.transaction((repositories) => work(countCalls(repositories)));
    },
    // PostgreSQL's alone (@oneapi/storage has it nowhere else): its statements go as one
    // script, one trip whatever their number.
    ...(storage.writeInOneTrip && {
      writeInOneTrip(work) {
        counts.oneTrips += 1;
        return storage.writeInOneTrip(work);
      },
    }),
  };
}

/**
 * Workers loop reserve+settle for DURATION_MS; each worker uses accounts[worker % n] and
 * the instance (a ledger on its own pool) stores[worker % stores.length].
 */
async function runScenario(stores, { concurrency, accounts }) {
  const counts = { transactions: 0, statements: 0, oneTrips: 0 };
  const ledgers = stores.map((storage) =>
    createLedger({ store: countingStore(storage, counts), prices, grants: GRANTS }),
  );
  const latencies = [];
  const deadline = performance.now() + DURATION_MS;
  const worker = async (index) => {
    const account = accounts[index % accounts.length];
    const ledger = ledgers[index % ledgers.length];
    while (performance.now() < deadline) {
      const started = performance.now();
      const reservation = await ledger.reserve({
        requestId: nextRequestId(),
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
  const cpuBefore = process.cpuUsage();
  await Promise.all(Array.from({ length: concurrency }, (_, index) => worker(index)));
  const elapsed = (performance.now() - started) / 1000;
  // Grants go back to the account; a build from before them has no close.
  await Promise.all(ledgers.map((ledger) => ledger.close?.()));
  // This process's CPU (on SQLite the database's work too): steadier than ops/s on a busy machine.
  const cpu = process.cpuUsage(cpuBefore);
  latencies.sort((left, right) => left - right);
  const percentile = (p) =>
    latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))];
  const perOperation = (count) => Number((count / latencies.length).toFixed(3));
  return {
    operations: latencies.length,
    opsPerSecond: Math.round(latencies.length / elapsed),
    cpuMicrosPerOp: Math.round((cpu.user + cpu.system) / latencies.length),
    transactionsPerOp: perOperation(counts.transactions + counts.oneTrips),
    roundTripsPerOp: perOperation(counts.statements + 2 * counts.transactions + counts.oneTrips),
    p50Ms: Number(percentile(0.5).toFixed(2)),
    p99Ms: Number(percentile(0.99).toFixed(2)),
  };
}

const only = process.env.BENCH_SCENARIOS?.split(';');
const rows = [];
for (const database of listTestDatabases()) {
  if (database.skipReason) {
    console.error(`${database.dialect}: skipped (${database.skipReason})`);
    continue;
  }
  const storage = await database.create();
  // A second instance: its own pool. SQLite's instances share one connection, as the
  // gateway's tests run them (a second one in this thread would block on the lock).
  const second = storage.dialect === 'sqlite' ? storage : await storage.connectAgain();
  try {
    await storage.migrate();
    const accounts = await createAccounts(storage, 16);
    const oneUser = accounts.slice(0, 1);
    const scenarios = [
      { name: 'sequential, one user', concurrency: 1, accounts: oneUser, stores: [storage] },
      { name: '16 concurrent, 16 users', concurrency: 16, accounts, stores: [storage] },
      { name: '16 concurrent, one user', concurrency: 16, accounts: oneUser, stores: [storage] },
      {
        name: '2 instances x 16, one user',
        concurrency: 32,
        accounts: oneUser,
        stores: [storage, second],
      },
      // What a cluster at thousands of requests per second has in flight (5,000/s with
      // 50 ms upstreams is 250): batches of MAX_BATCH, one account write per batch.
      {
        name: '2 instances x 128, one user',
        concurrency: 256,
        accounts: oneUser,
        stores: [storage, second],
      },
    ].filter((scenario) => !only || only.includes(scenario.name));
    for (const scenario of scenarios) {
      const result = await runScenario(scenario.stores, scenario);
      rows.push({ dialect: storage.dialect, scenario: scenario.name, ...result });
    }
  } finally {
    if (second !== storage) await second.close();
    await storage.dispose();
  }
}

console.log(
  `reserve+settle, ${DURATION_MS} ms per scenario; cpu µs/op = this process's CPU time per reserve+settle, tx/op = transactions per reserve+settle, rt/op = database round trips per reserve+settle`,
);
console.log(
  'dialect   scenario                       ops/s    p50 ms   p99 ms    ops  cpu µs/op  tx/op   rt/op',
);
for (const row of rows) {
  console.log(
    `${row.dialect.padEnd(9)} ${row.scenario.padEnd(29)} ${String(row.opsPerSecond).padStart(6)} ${String(row.p50Ms).padStart(8)} ${String(row.p99Ms).padStart(8)} ${String(row.operations).padStart(6)} ${String(row.cpuMicrosPerOp).padStart(10)} ${String(row.transactionsPerOp).padStart(7)} ${String(row.roundTripsPerOp).padStart(7)}`,
  );
}
for (const row of rows) console.log(JSON.stringify({ bench: 'reserve-settle', ...row }));
