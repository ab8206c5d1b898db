// The gateway against the Node floor (issue 8). Starts a mock upstream, the two floor proxies
// (floor-proxy.mjs) and the built gateway (dist/main.js, set up over its admin API), drives
// them with the same requests, and prints a Markdown table, then one JSON line per row.
// docs/benchmarks.md explains the scenarios and keeps the latest figures.
//
// Settings (environment): BENCH_ROUNDS (3), BENCH_SECONDS per saturation and latency round
// (5), BENCH_CONNECTIONS (32), BENCH_RATE in req/s (default: a quarter of the gateway's
// saturation throughput, at most 200), BENCH_STREAMS per round (200), BENCH_IDLE_STREAMS
// (2000; capped by the open-file limit), BENCH_CPU_PROF (a directory: the gateway, and the
// cluster's instances, run with --cpu-prof there during the load scenarios), BENCH_SCENARIOS
// (a comma-separated subset of saturation, agent, latency, streams, idle, cluster; default
// all), BENCH_CLUSTER_CONNECTIONS (the cluster scenario's loads, total connections: 32,256),
// BENCH_NODE_ARGS (node options for the gateway under load, space-separated, for an A/B of a
// V8 flag: each process starts with a clean environment, which NODE_OPTIONS does not reach).
// The cluster scenario runs two gateways on PostgreSQL + Redis: it needs TEST_POSTGRES_DSN
// and TEST_REDIS_URL.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { clusterSkipReason, runCluster } from './cluster.mjs';
import { provisionGateway, startGateway } from './gateway.mjs';
import { pinToCores, readOpenFileLimit, startNode, stopAllChildren } from './processes.mjs';
import { printJsonLines, printTable } from './report.mjs';
import { callsFor, checkAnswers } from './requests.mjs';
import {
  runAgentSaturation,
  runIdleStreams,
  runLatency,
  runSaturation,
  runStartMemory,
  runStreams,
} from './scenarios.mjs';

const setting = (name, fallback) => Number(process.env[name] || fallback);
const settings = {
  rounds: setting('BENCH_ROUNDS', 3),
  seconds: setting('BENCH_SECONDS', 5),
  connections: setting('BENCH_CONNECTIONS', 32),
  rate: process.env.BENCH_RATE ? Number(process.env.BENCH_RATE) : undefined,
  streams: setting('BENCH_STREAMS', 200),
  idleStreams: setting('BENCH_IDLE_STREAMS', 2000),
  clusterConnections: (process.env.BENCH_CLUSTER_CONNECTIONS || '32,256').split(',').map(Number),
};
const cpuProfileDirectory = process.env.BENCH_CPU_PROF;
const ALL_SCENARIOS = ['saturation', 'agent', 'latency', 'streams', 'idle', 'cluster'];
const scenarios = new Set(
  process.env.BENCH_SCENARIOS ? process.env.BENCH_SCENARIOS.split(',') : ALL_SCENARIOS,
);
for (const name of scenarios) {
  if (!ALL_SCENARIOS.includes(name))
    throw new Error(`BENCH_SCENARIOS: unknown scenario ${name} (${ALL_SCENARIOS.join(', ')})`);
}

const MOCK = fileURLToPath(new URL('./mock-upstream.mjs', import.meta.url));
const FLOOR = fileURLToPath(new URL('./floor-proxy.mjs', import.meta.url));
const PORT_LINE = /"port":(\d+)/;

function describeMachine() {
  const [one] = cpus();
  return {
    date: new Date().toISOString(),
    cpu: `${cpus().length} x ${one?.model ?? 'unknown'}`,
    memoryGiB: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
    loadAverage: loadavg().map((value) => Number(value.toFixed(2))),
  };
}

async function main() {
  if (!existsSync('/proc/self/stat'))
    throw new Error('the suite reads CPU time and memory from /proc: it runs on Linux only');
  const machine = describeMachine();
  const pinning = pinToCores();
  const proxyCpu = pinning.pinned ? 1 : undefined;
  // Each gateway stream holds two sockets (client, upstream); keep room for everything else.
  const idleStreams = Math.min(settings.idleStreams, Math.floor((readOpenFileLimit() - 500) / 2));
  console.log(`gateway against the Node floor, ${machine.date}`);
  console.log(`machine: ${machine.cpu}, ${machine.memoryGiB} GiB, Node ${machine.node}`);
  console.log(`load average at start: ${machine.loadAverage.join(', ')}`);
  console.log(`pinning: ${pinning.pinned ? pinning.why : `off (${pinning.why})`}`);
  if (idleStreams < settings.idleStreams)
    console.log(`idle streams: ${idleStreams}, not ${settings.idleStreams} (open-file limit)`);
  console.log(`settings: ${JSON.stringify({ ...settings, idleStreams })}`);

  const directory = mkdtempSync(join(tmpdir(), 'oneapi-bench-'));
  const cleanUp = () => rmSync(directory, { recursive: true, force: true });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      cleanUp();
      process.exit(130); // the exit handler in processes.mjs kills the children
    });
  }
  try {
    const mock = await startNode('mock upstream', [MOCK], {
      env: { PATH: process.env.PATH },
      ready: PORT_LINE,
    });
    const mockOrigin = `http://127.0.0.1:${mock.match[1]}`;
    const rootAccessToken = `at-${randomBytes(20).toString('hex')}`;
    let gatewayKey;
    const startFloor = async (mode) => {
      const floor = await startNode(`floor (${mode})`, [FLOOR, mode, mockOrigin], {
        env: { PATH: process.env.PATH },
        cpu: proxyCpu,
        ready: PORT_LINE,
      });
      return { ...floor, calls: callsFor(`http://127.0.0.1:${floor.match[1]}`, floor.pid) };
    };
    const start = {
      floorRaw: () => startFloor('raw'),
      floorJson: () => startFloor('json'),
      gateway: async ({ nodeArgs } = {}) => {
        const launch = (args) =>
          startGateway({
            directory,
            rootAccessToken,
            cpu: proxyCpu,
            concurrencyLimit: 20_000,
            ...(args && { nodeArgs: args }),
          });
        if (!gatewayKey) {
          // Set up once, then restarted on the same database, as an operator would: the
          // setup's password hashing must not count in the peak RSS of the load tests.
          const first = await launch();
          gatewayKey = await provisionGateway(first.url, rootAccessToken, mockOrigin);
          await first.stop();
        }
        const gateway = await launch(nodeArgs);
        return { ...gateway, calls: callsFor(gateway.url, gateway.pid, gatewayKey) };
      },
    };
    const gatewayNodeArgs = [
      ...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean),
      ...(cpuProfileDirectory
        ? ['--cpu-prof', `--cpu-prof-dir=${resolve(cpuProfileDirectory)}`]
        : []),
    ];
    const targets = {
      direct: { calls: callsFor(mockOrigin) },
      floorRaw: await start.floorRaw(),
      floorJson: await start.floorJson(),
      gateway: await start.gateway({ nodeArgs: gatewayNodeArgs }),
    };
    await sleep(1000);
    const rows = [runStartMemory(targets)];
    await checkAnswers(targets);
    if (scenarios.has('saturation')) {
      rows.push(...(await runSaturation(targets, settings)));
      const gatewayThroughput = rows.find((row) => row.unit === 'req/s').gateway;
      settings.rate ??= Math.max(10, Math.min(200, Math.round(gatewayThroughput / 4)));
    }
    if (scenarios.has('agent')) rows.push(...(await runAgentSaturation(targets, settings)));
    settings.rate ??= 50;
    if (scenarios.has('latency')) rows.push(...(await runLatency(targets, settings)));
    if (scenarios.has('streams')) rows.push(...(await runStreams(targets, settings)));
    for (const name of ['floorRaw', 'floorJson', 'gateway']) await targets[name].stop();
    if (scenarios.has('idle')) {
      rows.push(
        ...(await runIdleStreams((name) => start[name](), mockOrigin, { count: idleStreams })),
      );
    }
    const skipCluster = clusterSkipReason(process.env);
    if (scenarios.has('cluster') && skipCluster) console.log(`cluster: skipped (${skipCluster})`);
    else if (scenarios.has('cluster')) {
      rows.push(
        ...(await runCluster({
          env: process.env,
          mockOrigin,
          cpu: proxyCpu,
          seconds: settings.seconds,
          loads: settings.clusterConnections,
          nodeArgs: gatewayNodeArgs,
        })),
      );
    }

    console.log(
      `load average at end: ${loadavg()
        .map((value) => value.toFixed(2))
        .join(', ')}`,
    );
    console.log('');
    printTable(rows);
    console.log('');
    console.log(JSON.stringify({ scenario: 'environment', ...machine, pinning, settings }));
    printJsonLines(rows);
  } finally {
    await stopAllChildren();
    cleanUp();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
