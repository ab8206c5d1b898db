// Cost per MB of what a chat request's body goes through before the upstream is asked, and
// the longest pause it makes in the event loop, over the pathological corpus at 1, 5 and 20 MB (the default body limit).
// The path is the gateway's own code from the body's bytes to the upstream's bytes: the
// UTF-8, breadth and depth checks on the bytes and, from 256 KB on, decoding and JSON.parse in
// a worker thread (parseJsonBytes), the schema, the quota hold's token bound, then the body
// re-encoded for the upstream, its UTF-8 in slices. The exact count is the one count_tokens
// and streams without usage run in slices. Flat ms/MB columns mean linear cost: nothing here
// may grow faster than its input; the pause column is the most work the event loop's thread
// does for one body without letting a timer run (its CPU time on Linux), in ms. (The count reuses the tokenizer's cache of words it has seen, so a text
// that repeats itself counts faster as it grows.) `pnpm bench` compiles the gateway modules
// and the corpus (src/) into bench/dist first. Prints a table, then one JSON line per row.
import { readFileSync } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  boundPromptTokens,
  countPromptTokens,
  parseChatRequest,
  preloadTokenizer,
} from '@oneapi/adapters';
import { encodeUtf8InSlices } from './dist/encode-utf8-in-slices.js';
import {
  deeplyNestedSchema,
  PATHOLOGICAL_TEXTS,
  pathologicalText,
} from './dist/pathological-prompts.js';
import { parseJsonBytes } from './dist/read-json.js';

const MB = 1024 * 1024;
const SIZES_MB = [1, 5, 20];
/** The count takes seconds per MB of CJK: measured up to here, not at the body limit. */
const COUNTED_UP_TO_MB = 5;
const MAX_DEPTH = 64;

function chatBody(kind, bytes) {
  if (kind === 'nested-schema')
    return JSON.stringify({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Which tool?' }],
      tools: [
        { type: 'function', function: { name: 'deep', parameters: deeplyNestedSchema(bytes) } },
      ],
    });
  return JSON.stringify({
    model: 'gpt-4o',
    messages: [{ role: 'user', content: pathologicalText(kind, bytes) }],
  });
}

/** A chat body's path in the gateway, its bytes in, the upstream's bytes out. */
async function requestPath(bytes) {
  const { json } = await parseJsonBytes(bytes, MAX_DEPTH);
  const request = parseChatRequest(json);
  const bound = boundPromptTokens(request);
  // relay-chat.ts lets the loop turn after the bound of a large prompt.
  await nextTurn();
  const slices = await encodeUtf8InSlices(JSON.stringify({ ...request, model: 'gpt-4o' }));
  return { request, bound, upstreamBytes: slices.reduce((sum, slice) => sum + slice.length, 0) };
}

/**
 * This thread's CPU time in ms on Linux (/proc/thread-self/schedstat, in ns), else the wall
 * clock: on a shared machine a wall-clock gap also counts the time the process waited for a
 * core, where the work that holds the loop is CPU time on its thread.
 */
function loopClockMs() {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return performance.now();
  }
}

/** `fn`'s result and the most work between ticks of a 1 ms timer while it ran, in ms. */
async function withLongestPause(fn) {
  let last = loopClockMs();
  let longest = 0;
  const tick = () => {
    const now = loopClockMs();
    longest = Math.max(longest, now - last);
    last = now;
  };
  const timer = setInterval(tick, 1);
  const result = await fn();
  clearInterval(timer);
  tick();
  return { result, pauseMs: longest };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function timeMs(fn, runs) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

// The vocabulary loads once, as at a gateway's startup: not a per-request cost.
await preloadTokenizer();
const results = [];
for (const kind of [...PATHOLOGICAL_TEXTS, 'nested-schema']) {
  for (const sizeMb of SIZES_MB) {
    const bytes = new TextEncoder().encode(chatBody(kind, sizeMb * MB));
    const megabytes = bytes.length / MB;
    // Warm the JIT on this shape and start the worker first, as in a running gateway.
    const { request } = await requestPath(bytes);
    const paths = [];
    for (let run = 0; run < 5; run++) {
      const started = performance.now();
      const { pauseMs } = await withLongestPause(() => requestPath(bytes));
      paths.push({ ms: performance.now() - started, pauseMs });
    }
    const countMs =
      sizeMb <= COUNTED_UP_TO_MB ? await timeMs(() => countPromptTokens(request), 1) : Number.NaN;
    results.push({
      scenario: `prompt-${kind}-${sizeMb}mb`,
      pathMsPerMb: median(paths.map((path) => path.ms)) / megabytes,
      pauseMs: median(paths.map((path) => path.pauseMs)),
      countMsPerMb: countMs / megabytes,
    });
  }
}

console.log('scenario (median of 5)                 path ms/MB  pause ms  count ms/MB');
for (const { scenario, pathMsPerMb, pauseMs, countMsPerMb } of results)
  console.log(
    `${scenario.padEnd(38)} ${pathMsPerMb.toFixed(1).padStart(10)} ${pauseMs.toFixed(1).padStart(9)} ${(Number.isNaN(countMsPerMb) ? '-' : countMsPerMb.toFixed(0)).padStart(12)}`,
  );
for (const result of results)
  console.log(
    JSON.stringify({
      scenario: result.scenario,
      pathMsPerMb: Number(result.pathMsPerMb.toFixed(1)),
      pauseMs: Number(result.pauseMs.toFixed(1)),
      ...(!Number.isNaN(result.countMsPerMb) && { countMsPerMb: Math.round(result.countMsPerMb) }),
    }),
  );
// The worker pool's idle workers are unref'd: nothing keeps the process.
