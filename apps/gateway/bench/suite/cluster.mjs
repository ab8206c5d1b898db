// Two gateways on one PostgreSQL database and one Redis, as a cluster behind a load balancer,
// every request on one shared key: the database statements each relayed request costs, as
// each instance counts them (oneapi_database_statements_total on /metrics). On this machine
// the two share cores with each other and with PostgreSQL, so what is measured is the
// amortisation (statements per request), not the cluster's combined throughput.
import { randomBytes } from 'node:crypto';
import { listTestDatabases } from '@oneapi/storage/testing';
import { saturate } from './clients.mjs';
import { provisionGateway, startGateway } from './gateway.mjs';
import { createRow } from './report.mjs';
import { callsFor } from './requests.mjs';

const INSTANCES = 2;

/** Why the cluster scenario cannot run with `env`, or undefined when it can. */
export function clusterSkipReason(env) {
  if (!env.TEST_POSTGRES_DSN || !env.TEST_REDIS_URL)
    return 'set TEST_POSTGRES_DSN (a server the suite may create a database on) and TEST_REDIS_URL';
  return undefined;
}

const sumOf = (metrics, pattern) =>
  [...metrics.matchAll(pattern)].reduce((sum, match) => sum + Number(match[1]), 0);

/** Statements sent and relay requests answered 200, as the instance's /metrics counts them. */
async function readCounters(url) {
  const metrics = await (await fetch(`${url}/metrics`)).text();
  return {
    statements: sumOf(metrics, /^oneapi_database_statements_total (\d+)$/gm),
    relayed: sumOf(metrics, /^oneapi_relay_requests_total\{[^}]*status="200"[^}]*\} (\d+)$/gm),
  };
}

/**
 * Loads every instance at once with `connections` between them, and gives the statements
 * per relayed request over that stretch, background work (leases, health, rollups) included.
 */
async function statementsPerRequest(instances, { connections, seconds }) {
  const before = await Promise.all(instances.map((instance) => readCounters(instance.url)));
  const runs = await Promise.all(
    instances.map((instance) =>
      saturate(instance.calls.nonStream, {
        connections: Math.ceil(connections / instances.length),
        seconds,
      }),
    ),
  );
  const after = await Promise.all(instances.map((instance) => readCounters(instance.url)));
  const delta = (field) =>
    after.reduce((sum, counters, index) => sum + counters[field] - before[index][field], 0);
  return {
    statementsPerRequest: delta('statements') / delta('relayed'),
    requestsPerSecond: runs.reduce((sum, run) => sum + run.requestsPerSecond, 0),
    cpuUsPerRequest: runs.reduce((sum, run) => sum + run.cpuUsPerRequest, 0) / runs.length,
  };
}

/**
 * Starts the instances on a fresh PostgreSQL database and a Redis key prefix of their own,
 * the first one setting them up, and measures at each of `loads` (total connections).
 */
export async function runCluster({ env, mockOrigin, cpu, seconds, loads, nodeArgs }) {
  const postgres = listTestDatabases({ TEST_POSTGRES_DSN: env.TEST_POSTGRES_DSN }).find(
    (database) => database.dialect === 'postgres',
  );
  const database = await postgres.create();
  const rootAccessToken = `at-${randomBytes(20).toString('hex')}`;
  const instances = [];
  try {
    const databaseEnv = {
      SQL_DSN: database.location.dsn,
      REDIS_CONN_STRING: env.TEST_REDIS_URL,
      REDIS_KEY_PREFIX: `oneapi-bench-${randomBytes(4).toString('hex')}:`,
      // Instances on one database share the key that encrypts channel keys at rest.
      KEY_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    };
    let key;
    for (let index = 0; index < INSTANCES; index++) {
      const instance = await startGateway({
        databaseEnv,
        rootAccessToken,
        cpu,
        concurrencyLimit: 20_000,
        ...(nodeArgs && { nodeArgs }),
      });
      key ??= await provisionGateway(instance.url, rootAccessToken, mockOrigin);
      instances.push({ ...instance, calls: callsFor(instance.url, instance.pid, key) });
    }
    // Warm, as a cluster that has been serving: JIT, pools, caches, and the key's grants
    // taken (a cold first run measured 0.33 round trips per request where the same load
    // right after it measured 0.20: its first second holds and settles one by one).
    await statementsPerRequest(instances, { connections: loads[0], seconds: 2 });
    const rows = [];
    for (const connections of loads) {
      const {
        statementsPerRequest: perRequest,
        requestsPerSecond,
        cpuUsPerRequest,
      } = await statementsPerRequest(instances, { connections, seconds });
      rows.push(
        createRow({
          scenario: `${INSTANCES} instances, PostgreSQL + Redis, one key, ${connections} connections: database round trips per request`,
          unit: 'count',
          figures: { gateway: perRequest },
          target: { of: 'gateway', atMost: 0.2, text: '<= 0.2' },
        }),
        createRow({
          scenario: `${INSTANCES} instances, PostgreSQL + Redis, one key, ${connections} connections: throughput (shared cores)`,
          unit: 'req/s',
          figures: { gateway: requestsPerSecond },
        }),
        createRow({
          scenario: `${INSTANCES} instances, PostgreSQL + Redis, one key, ${connections} connections: CPU per request, each instance`,
          unit: 'µs',
          figures: { gateway: cpuUsPerRequest },
        }),
      );
    }
    return rows;
  } finally {
    for (const instance of instances) await instance.stop();
    await database.dispose();
  }
}
