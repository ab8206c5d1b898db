// The soak run (issue 9, not in CI): the built gateway, as the benchmark suite starts it, under
// an hour of mixed load (non-stream chats, OpenAI and Anthropic-upstream streams, streams the
// client drops after the first bytes, refused requests), then left idle: its memory must come
// back to where it was after the warm-up. Memory is the V8 heap in use, as the gateway's own
// /metrics reports it (oneapi_process_nodejs_heap_size_used_bytes): RSS is printed too, but
// V8 keeps the pages it grew into, so RSS stays near its peak whether or not anything leaks.
// Prints one line per minute and a JSON summary; exits 1 if the heap did not come back or a
// request got an unexpected answer.
//
// Settings (environment): SOAK_SECONDS (3600), SOAK_IDLE_SECONDS after the load (60),
// SOAK_CONNECTIONS (16). Build first: pnpm exec turbo run build --filter=@oneapi/gateway...
// Run: node apps/gateway/bench/soak.mjs (see docs/reliability.md).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { postOptions } from './suite/clients.mjs';
import { provisionGateway, startGateway } from './suite/gateway.mjs';
import { readMemory, startNode, stopAllChildren } from './suite/processes.mjs';
import { toMiB } from './suite/report.mjs';
import { callsFor } from './suite/requests.mjs';

const SECONDS = Number(process.env.SOAK_SECONDS || 3600);
const IDLE_SECONDS = Number(process.env.SOAK_IDLE_SECONDS || 60);
const CONNECTIONS = Number(process.env.SOAK_CONNECTIONS || 16);
const SLICE_SECONDS = 10;
/** Memory "back to baseline": heap in use within this much of the figure after the warm-up. */
const ALLOWED_GROWTH_MIB = 16;

const MOCK = fileURLToPath(new URL('./suite/mock-upstream.mjs', import.meta.url));

/** One slice of closed-loop load on `call`; returns how many answers were not 200. */
async function load(call, seconds) {
  const { 'content-length': _, ...headers } = call.headers;
  const result = await autocannon({
    url: call.origin + call.path,
    method: 'POST',
    headers,
    body: call.body,
    connections: CONNECTIONS,
    duration: seconds,
  });
  return { ok: result['2xx'], unexpected: result.non2xx + result.errors + result.timeouts };
}

/** Streams dropped by the client after their first bytes: the gateway must let them go. */
async function dropStreams(call, count) {
  const url = new URL(call.origin);
  const agent = new Agent({ keepAlive: false });
  const dropOne = () =>
    new Promise((resolve) => {
      const outgoing = request(postOptions(url, call, agent), (incoming) => {
        incoming.once('data', () => {
          outgoing.destroy();
          resolve(incoming.statusCode === 200 ? 0 : 1);
        });
        incoming.on('error', () => {});
      });
      outgoing.on('error', () => resolve(0));
      outgoing.end(call.body);
    });
  const results = await Promise.all(Array.from({ length: count }, dropOne));
  agent.destroy();
  return results.reduce((sum, value) => sum + value, 0);
}

/** A request the gateway must refuse (messages is not a list): 400, anything else counts. */
async function refused(origin, key) {
  const response = await fetch(`${origin}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'bench-gpt', messages: 'not a list' }),
  });
  await response.arrayBuffer();
  return response.status === 400 ? 0 : 1;
}

/** The V8 heap in use, in bytes, from the gateway's /metrics. */
async function heapUsed(origin) {
  const text = await (await fetch(`${origin}/metrics`)).text();
  const line = /^oneapi_process_nodejs_heap_size_used_bytes (\d+(?:\.\d+)?)/m.exec(text);
  if (!line) throw new Error('/metrics has no oneapi_process_nodejs_heap_size_used_bytes');
  return Number(line[1]);
}

async function main() {
  const directory = mkdtempSync(join(tmpdir(), 'oneapi-soak-'));
  try {
    const mock = await startNode('mock upstream', [MOCK], {
      env: { PATH: process.env.PATH },
      ready: /"port":(\d+)/,
    });
    const mockOrigin = `http://127.0.0.1:${mock.match[1]}`;
    const rootAccessToken = `at-${randomBytes(20).toString('hex')}`;
    const first = await startGateway({ directory, rootAccessToken, concurrencyLimit: 20_000 });
    const key = await provisionGateway(first.url, rootAccessToken, mockOrigin);
    await first.stop();
    const gateway = await startGateway({ directory, rootAccessToken, concurrencyLimit: 20_000 });
    const calls = callsFor(gateway.url, gateway.pid, key);
    const kinds = [calls.nonStream, calls.openaiStream, calls.anthropicStream];

    // Warm-up: every kind once, then idle until the heap settles.
    let unexpected = 0;
    for (const call of kinds) unexpected += (await load(call, 5)).unexpected;
    await sleep(IDLE_SECONDS * 1000);
    const baseline = readMemory(gateway.pid).rss;
    const baselineHeap = await heapUsed(gateway.url);
    console.log(
      `after warm-up and ${IDLE_SECONDS} s idle: heap ${toMiB(baselineHeap).toFixed(0)} MiB, RSS ${toMiB(baseline).toFixed(0)} MiB`,
    );

    const started = Date.now();
    let requests = 0;
    let slice = 0;
    let peak = baseline;
    while (Date.now() - started < SECONDS * 1000) {
      const call = kinds[slice % kinds.length];
      const result = await load(call, SLICE_SECONDS);
      requests += result.ok;
      unexpected += result.unexpected;
      unexpected += await dropStreams(calls.openaiStream, 50);
      unexpected += await refused(gateway.url, key);
      requests += 51;
      peak = Math.max(peak, readMemory(gateway.pid).rss);
      slice++;
      if (slice % 6 === 0) {
        const minutes = ((Date.now() - started) / 60_000).toFixed(0);
        console.log(
          `${minutes} min: ${requests} requests, heap ${toMiB(await heapUsed(gateway.url)).toFixed(0)} MiB, RSS ${toMiB(readMemory(gateway.pid).rss).toFixed(0)} MiB (peak ${toMiB(peak).toFixed(0)}), ${unexpected} unexpected`,
        );
      }
    }
    await sleep(IDLE_SECONDS * 1000);
    const after = readMemory(gateway.pid).rss;
    const afterHeap = await heapUsed(gateway.url);
    await gateway.stop();

    const summary = {
      scenario: 'soak',
      seconds: SECONDS,
      requests,
      unexpected,
      heapBaselineMiB: Number(toMiB(baselineHeap).toFixed(1)),
      heapAfterIdleMiB: Number(toMiB(afterHeap).toFixed(1)),
      rssBaselineMiB: Number(toMiB(baseline).toFixed(1)),
      rssPeakMiB: Number(toMiB(peak).toFixed(1)),
      rssAfterIdleMiB: Number(toMiB(after).toFixed(1)),
      allowedGrowthMiB: ALLOWED_GROWTH_MIB,
      memoryBack: toMiB(afterHeap - baselineHeap) <= ALLOWED_GROWTH_MIB,
    };
    console.log(JSON.stringify(summary));
    if (!summary.memoryBack || unexpected > 0) process.exitCode = 1;
  } finally {
    await stopAllChildren();
    rmSync(directory, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
