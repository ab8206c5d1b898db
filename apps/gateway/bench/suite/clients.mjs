// The clients: autocannon for saturation, an open-loop client at a fixed rate for latency
// (autocannon's histogram counts whole milliseconds, too coarse for sub-millisecond added
// latency), a sequential stream client for time to first byte, and a holder of idle streams.
import { Agent, request as httpRequest } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { Pool } from 'undici';
import { readCpuMs } from './processes.mjs';

/**
 * A way to ask one server for one thing: `origin` + `path` with `body`; `pid` is the process
 * whose CPU the figures are charged to (none for the mock called directly).
 */
export function createCall({ origin, path, headers = {}, body, pid }) {
  return {
    origin,
    path,
    pid,
    body,
    headers: {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      ...headers,
    },
  };
}

const cpuOf = (call) => (call.pid === undefined ? 0 : readCpuMs(call.pid));

/** Closed-loop saturation with autocannon: requests/s, and the proxy's CPU per request. */
export async function saturate(call, { connections, seconds }) {
  // autocannon sets content-length itself; a second one makes every request malformed.
  const { 'content-length': _, ...headers } = call.headers;
  const run = (duration) =>
    autocannon({
      url: call.origin + call.path,
      method: 'POST',
      headers,
      body: call.body,
      connections,
      duration,
    });
  await run(1);
  const cpuBefore = cpuOf(call);
  const started = performance.now();
  const result = await run(seconds);
  const wallMs = performance.now() - started;
  const cpuMs = cpuOf(call) - cpuBefore;
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0)
    throw new Error(
      `${call.origin}${call.path}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`,
    );
  const completed = result['2xx'];
  return {
    requestsPerSecond: completed / (result.duration || wallMs / 1000),
    cpuUsPerRequest: (cpuMs * 1000) / completed,
    // How much of its core the proxy used: well under 100% means the driver held it back.
    cpuBusy: cpuMs / wallMs,
  };
}

/** Open loop at `rate` requests/s for `seconds`: each request's latency in ms, body read. */
export async function measureLatencies(call, { rate, seconds }) {
  const pool = new Pool(call.origin, { connections: 16, keepAliveTimeout: 30_000 });
  const latencies = [];
  const one = async () => {
    const started = performance.now();
    const answer = await pool.request({
      path: call.path,
      method: 'POST',
      headers: call.headers,
      body: call.body,
    });
    await answer.body.text();
    if (answer.statusCode !== 200) throw new Error(`${call.path}: status ${answer.statusCode}`);
    latencies.push(performance.now() - started);
  };
  const cpuBefore = cpuOf(call);
  const sent = [];
  const start = performance.now();
  for (let index = 0; index < rate * seconds; index++) {
    // Each request at its due time, whether or not the previous ones have finished.
    const wait = start + (index * 1000) / rate - performance.now();
    if (wait >= 1) await sleep(wait);
    sent.push(one());
  }
  await Promise.all(sent);
  const cpuUsPerRequest = ((cpuOf(call) - cpuBefore) * 1000) / sent.length;
  await pool.close();
  return { latencies, cpuUsPerRequest };
}

/** One request read to the end: time to the first body byte, to the last, and the text. */
function streamOnce(call, agent, keepText) {
  const url = new URL(call.origin);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const outgoing = httpRequest(postOptions(url, call, agent), (incoming) => {
      let firstByteAt;
      let text = '';
      incoming.on('data', (part) => {
        firstByteAt ??= performance.now();
        if (keepText) text += part;
      });
      incoming.on('end', () => {
        if (incoming.statusCode !== 200)
          reject(new Error(`${call.path}: status ${incoming.statusCode} ${text}`));
        else
          resolve({
            firstByteMs: firstByteAt - started,
            totalMs: performance.now() - started,
            text,
          });
      });
      incoming.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(call.body);
  });
}

/** Reads the first answer whole, so the caller can check it is what it should be. */
export async function sampleAnswer(call) {
  return (await streamOnce(call, false, true)).text;
}

/** `count` streams one after another on one kept-alive connection. */
export async function measureStreams(call, { count }) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const firstByte = [];
  const total = [];
  const cpuBefore = cpuOf(call);
  for (let index = 0; index < count; index++) {
    const timing = await streamOnce(call, agent, false);
    firstByte.push(timing.firstByteMs);
    total.push(timing.totalMs);
  }
  const cpuUsPerStream = ((cpuOf(call) - cpuBefore) * 1000) / count;
  agent.destroy();
  return { firstByte, total, cpuUsPerStream };
}

/**
 * Opens `count` streams, each on its own connection, `batch` at a time (a burst of
 * thousands would overflow the listen backlog and wait out SYN retries), and resolves once
 * every one has delivered its first bytes. `close()` drops them all.
 */
export async function openIdleStreams(call, { count, batch = 100 }) {
  const url = new URL(call.origin);
  const open = [];
  const openOne = () =>
    new Promise((resolve, reject) => {
      const outgoing = httpRequest(postOptions(url, call, false), (incoming) => {
        if (incoming.statusCode !== 200) reject(new Error(`status ${incoming.statusCode}`));
        incoming.once('data', () => resolve());
        incoming.on('error', () => {});
      });
      // Once the first bytes are in, the promise is settled: later errors (close()) are moot.
      outgoing.on('error', reject);
      outgoing.end(call.body);
      open.push(outgoing);
    });
  for (let index = 0; index < count; index += batch) {
    await Promise.all(Array.from({ length: Math.min(batch, count - index) }, openOne));
  }
  return {
    close() {
      for (const outgoing of open) outgoing.destroy();
    },
  };
}

/** node:http options for POSTing `call` to its origin through `agent`. */
export function postOptions(url, call, agent) {
  return {
    agent,
    host: url.hostname,
    port: url.port,
    path: call.path,
    method: 'POST',
    headers: call.headers,
  };
}
