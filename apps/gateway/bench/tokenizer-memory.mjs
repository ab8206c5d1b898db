// What the tokenizer's vocabulary costs the gateway's memory (issue 17: idle < 100 MiB). Starts
// the built gateway (dist/main.js) as the suite does, and reads its RSS (every thread) when
// idle after start, after one count_tokens answered locally (the o200k vocabulary loaded), and
// once the count's worker has been idle long enough to be ended. Prints one JSON line.
//
// Settings (environment): BENCH_IDLE_WAIT_MS, how long to wait after the count (default 40 s:
// past the token worker's 30 s idle timeout).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { MODELS, provisionGateway, startGateway } from './suite/gateway.mjs';
import { readMemory, stopAllChildren } from './suite/processes.mjs';

const idleWaitMs = Number(process.env.BENCH_IDLE_WAIT_MS || 40_000);
const toMiB = (bytes) => Math.round(bytes / 1024 ** 2);
const directory = mkdtempSync(join(tmpdir(), 'oneapi-tokenizer-memory-'));
const rootAccessToken = randomBytes(16).toString('hex');

try {
  const gateway = await startGateway({ directory, rootAccessToken, concurrencyLimit: 64 });
  // The start's own garbage (migrations, the first compilations) settles first.
  await sleep(3_000);
  const idle = readMemory(gateway.pid).rss;
  // An OpenAI-format channel: Messages' count_tokens for its model is counted locally. The
  // upstream is never called, so the channel's address is a closed port.
  const key = await provisionGateway(gateway.url, rootAccessToken, 'http://127.0.0.1:9');
  const afterSetup = readMemory(gateway.pid).rss;
  const response = await fetch(`${gateway.url}/v1/messages/count_tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': key },
    body: JSON.stringify({
      model: MODELS.openai,
      messages: [{ role: 'user', content: 'How many tokens is this question?' }],
    }),
  });
  if (!response.ok) throw new Error(`count_tokens: ${response.status} ${await response.text()}`);
  const { input_tokens: inputTokens } = await response.json();
  await sleep(1_000);
  const afterCount = readMemory(gateway.pid).rss;
  await sleep(idleWaitMs);
  const afterIdle = readMemory(gateway.pid).rss;
  console.log(
    JSON.stringify({
      date: new Date().toISOString(),
      loadAverage: loadavg().map((value) => Number(value.toFixed(2))),
      inputTokens,
      rssMiB: {
        idleAfterStart: toMiB(idle),
        afterSetup: toMiB(afterSetup),
        afterCount: toMiB(afterCount),
        [`after${idleWaitMs / 1000}sIdle`]: toMiB(afterIdle),
      },
    }),
  );
} finally {
  await stopAllChildren();
  rmSync(directory, { recursive: true, force: true });
}
