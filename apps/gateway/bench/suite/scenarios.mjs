// The scenarios. Each runs every target in turn, round after round (so a burst of noise from
// elsewhere on the machine lands on all of them rather than one), and returns table rows.
import { setTimeout as sleep } from 'node:timers/promises';
import { measureLatencies, measureStreams, openIdleStreams, saturate } from './clients.mjs';
import { readMemory } from './processes.mjs';
import { createRow, median, percentile, toMiB } from './report.mjs';

const PROXIES = ['floorRaw', 'floorJson', 'gateway'];
const WITH_DIRECT = ['direct', ...PROXIES];

/** runs[name] = one result per round; gives {name: median of pick(result)}. */
const mediansOf = (runs, names, pick) =>
  Object.fromEntries(names.map((name) => [name, median(runs[name].map(pick))]));

async function inRounds(names, rounds, measure) {
  const runs = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const name of names) runs[name].push(await measure(name));
  }
  return runs;
}

/** Each proxy's RSS once started and idle, before any request. */
export function runStartMemory(targets) {
  return createRow({
    scenario: 'RSS after start, idle',
    unit: 'MiB',
    figures: Object.fromEntries(
      PROXIES.map((name) => [name, toMiB(readMemory(targets[name].pid).rss)]),
    ),
  });
}

/** Each proxy answering `call` in a closed loop, as fast as it can, round after round. */
const saturationRuns = (targets, call, { rounds, seconds, connections }) =>
  inRounds(PROXIES, rounds, (name) =>
    saturate(targets[name].calls[call], { connections, seconds }),
  );

/** Non-stream requests, closed loop, as fast as each proxy answers; then each one's peak RSS. */
export async function runSaturation(targets, settings) {
  const { connections } = settings;
  const runs = await saturationRuns(targets, 'nonStream', settings);
  const peak = Object.fromEntries(
    PROXIES.map((name) => [name, toMiB(readMemory(targets[name].pid).peakRss)]),
  );
  return [
    createRow({
      scenario: `non-stream saturation (${connections} connections)`,
      unit: 'req/s',
      figures: mediansOf(runs, PROXIES, (run) => run.requestsPerSecond),
      target: { of: 'ratio', atLeast: 0.6, text: '>= 0.6x JSON floor' },
    }),
    createRow({
      scenario: 'non-stream CPU per request',
      unit: 'µs',
      figures: mediansOf(runs, PROXIES, (run) => run.cpuUsPerRequest),
      target: { of: 'ratio', atMost: 1.5, text: '<= 1.5x JSON floor' },
    }),
    createRow({
      scenario: 'proxy CPU during saturation (100% = one core)',
      unit: '%',
      figures: mediansOf(runs, PROXIES, (run) => run.cpuBusy * 100),
    }),
    createRow({
      scenario: 'peak RSS after saturation (start included)',
      unit: 'MiB',
      figures: peak,
      target: { of: 'gateway', atMost: 150, text: '< 150 MiB' },
    }),
  ];
}

const AGENT_CALLS = [
  { call: 'agentChat', label: '/v1/chat/completions -> OpenAI upstream' },
  // The floors pass it to the mock as it is; the gateway serves Claude Code's way in.
  { call: 'agentMessages', label: '/v1/messages -> Anthropic upstream' },
];

/**
 * A coding agent's 60 KB request (agent-request.mjs), non-stream, closed loop: throughput
 * and CPU per request against the floors, which parse and re-serialize the same body.
 */
export async function runAgentSaturation(targets, settings) {
  const rows = [];
  for (const { call, label } of AGENT_CALLS) {
    const runs = await saturationRuns(targets, call, settings);
    rows.push(
      createRow({
        scenario: `60 KB agent request, ${label}: saturation (${settings.connections} connections)`,
        unit: 'req/s',
        figures: mediansOf(runs, PROXIES, (run) => run.requestsPerSecond),
        target: { of: 'ratio', atLeast: 0.6, text: '>= 0.6x JSON floor' },
      }),
      createRow({
        scenario: `60 KB agent request, ${label}: CPU per request`,
        unit: 'µs',
        figures: mediansOf(runs, PROXIES, (run) => run.cpuUsPerRequest),
        target: { of: 'ratio', atMost: 1.5, text: '<= 1.5x JSON floor' },
      }),
    );
  }
  return rows;
}

/** Non-stream requests at a fixed, moderate rate: latency end to end, body read. */
export async function runLatency(targets, { rounds, seconds, rate }) {
  const runs = await inRounds(WITH_DIRECT, rounds, (name) =>
    measureLatencies(targets[name].calls.nonStream, { rate, seconds }),
  );
  const pooled = (name) => runs[name].flatMap((run) => run.latencies);
  const at = (fraction) =>
    Object.fromEntries(WITH_DIRECT.map((name) => [name, percentile(pooled(name), fraction)]));
  return [
    createRow({
      scenario: `non-stream latency p50 at ${rate} req/s`,
      unit: 'ms',
      figures: at(0.5),
      compare: 'difference',
      target: { of: 'difference', atMost: 0.5, text: '<= +0.5 ms beyond JSON floor' },
    }),
    createRow({
      scenario: `non-stream latency p99 at ${rate} req/s`,
      unit: 'ms',
      figures: at(0.99),
      compare: 'difference',
    }),
    createRow({
      scenario: `non-stream CPU per request at ${rate} req/s`,
      unit: 'µs',
      figures: mediansOf(runs, PROXIES, (run) => run.cpuUsPerRequest),
    }),
  ];
}

const STREAM_KINDS = [
  { call: 'openaiStream', label: 'OpenAI -> OpenAI stream' },
  // The floors pass the Anthropic stream through as it is; the gateway translates it.
  { call: 'anthropicStream', label: 'OpenAI client -> Anthropic upstream stream' },
];

/** 50-chunk streams one after another: time to the first body byte, to the last, CPU. */
export async function runStreams(targets, { rounds, streams }) {
  const rows = [];
  for (const kind of STREAM_KINDS) {
    for (const name of WITH_DIRECT)
      await measureStreams(targets[name].calls[kind.call], { count: 20 });
    const runs = await inRounds(WITH_DIRECT, rounds, (name) =>
      measureStreams(targets[name].calls[kind.call], { count: streams }),
    );
    const pooledMedian = (series) =>
      Object.fromEntries(
        WITH_DIRECT.map((name) => [name, median(runs[name].flatMap((run) => run[series]))]),
      );
    rows.push(
      createRow({
        scenario: `${kind.label}: first byte p50`,
        unit: 'ms',
        figures: pooledMedian('firstByte'),
        compare: 'difference',
        target: { of: 'difference', atMost: 0.5, text: '<= +0.5 ms beyond JSON floor' },
      }),
      createRow({
        scenario: `${kind.label}: 50 chunks, total p50`,
        unit: 'ms',
        figures: pooledMedian('total'),
        compare: 'difference',
      }),
      createRow({
        scenario: `${kind.label}: CPU per stream`,
        unit: 'µs',
        figures: mediansOf(runs, PROXIES, (run) => run.cpuUsPerStream),
      }),
    );
  }
  return rows;
}

async function waitForUpstreamStreams(mockOrigin, count) {
  for (let waited = 0; waited < 60_000; waited += 100) {
    const { openStreams } = await (await fetch(`${mockOrigin}/stats`)).json();
    if (openStreams <= count) return;
    await sleep(100);
  }
  throw new Error(`the mock upstream still has streams open after 60 s`);
}

/**
 * `count` streams held open and idle through each proxy, freshly started (`start(name)`) so
 * the RSS it had before is not garbage from earlier scenarios: memory per open stream, and
 * RSS extrapolated to 10,000 streams.
 */
export async function runIdleStreams(start, mockOrigin, { count }) {
  const perStream = {};
  const held = {};
  const extrapolated = {};
  for (const name of PROXIES) {
    const target = await start(name);
    // Warm: JIT, connection pools, the gateway's caches, as a server that has been serving.
    await measureStreams(target.calls.nonStream, { count: 200 });
    await measureStreams(target.calls.openaiStream, { count: 20 });
    await sleep(1000);
    const before = readMemory(target.pid).rss;
    const streams = await openIdleStreams(target.calls.idleStream, { count });
    await sleep(1000);
    const during = readMemory(target.pid).rss;
    streams.close();
    await waitForUpstreamStreams(mockOrigin, 0);
    await target.stop();
    perStream[name] = (during - before) / count / 1024;
    held[name] = toMiB(during);
    extrapolated[name] = toMiB(before + ((during - before) / count) * 10_000);
  }
  return [
    createRow({
      scenario: `idle streams: memory per open stream (${count.toLocaleString('en-US')} open)`,
      unit: 'KiB',
      figures: perStream,
    }),
    createRow({
      scenario: `idle streams: RSS with ${count.toLocaleString('en-US')} open`,
      unit: 'MiB',
      figures: held,
    }),
    createRow({
      scenario: 'idle streams: RSS at 10,000 open (extrapolated)',
      unit: 'MiB',
      figures: extrapolated,
      target: { of: 'gateway', atMost: 1024, text: '< 1 GiB' },
    }),
  ];
}
