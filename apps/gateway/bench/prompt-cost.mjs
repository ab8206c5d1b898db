// Cost per MB of what a request's body goes through before the upstream is asked, and the
// longest pause it makes in the event loop, over the pathological corpus at 1, 5 and 20 MB
// (the default body limit), on four paths: /v1/chat/completions to an OpenAI channel
// (`chat`) and to an Anthropic one (`chat-anthropic`, the costliest translation),
// /v1/messages translated to OpenAI (`messages`), and /v1/messages passed through to
// an Anthropic channel that maps the model name (`passthrough`, the costlier case: the name is
// spliced into the bytes). Each path is the gateway's own code from the body's bytes to the
// upstream's bytes: the checks and the parse (parseJsonBytes: in a worker thread from 256 KB
// on), the ingress's schema, the quota hold's token bound, the URL guard, then the provider's
// request builder with the gateway's JSON encoder (in the worker from 256 KB on) and, for a
// string body, its UTF-8 in slices. The exact count is the one count_tokens and streams
// without usage run in slices. Flat ms/MB columns mean linear cost: nothing here may grow
// faster than its input; the pause column is the most work the event loop's thread does for
// one body without letting a timer run (its CPU time on Linux), in ms. (The count reuses the
// tokenizer's cache of words it has seen, so a text that repeats itself counts faster as it
// grows.) `pnpm bench` compiles the gateway modules and the corpus (src/) into bench/dist
// first. Prints a table, then one JSON line per row. BENCH_PROMPT_MB=20 (a comma-separated
// list) measures those sizes only; BENCH_PROMPT_PATHS=chat,passthrough those paths only;
// BENCH_PROMPT_KINDS=many-messages,cjk those bodies only.
import { readFileSync } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  anthropicMessagesRequestSchema,
  assertForwardableUrls,
  boundPromptTokens,
  countPromptTokens,
  findNativeSupport,
  findProvider,
  parseChatRequest,
  preloadTokenizer,
  readAnthropicPassthrough,
  toCanonicalRequest,
} from '@oneapi/adapters';
import { encodeUpstreamJson } from './dist/encode-upstream-json.js';
import { encodeUtf8InSlices } from './dist/encode-utf8-in-slices.js';
import {
  broadestConversation,
  deeplyNestedSchema,
  PATHOLOGICAL_TEXTS,
  pathologicalText,
} from './dist/pathological-prompts.js';
import { parseJsonBytes } from './dist/read-json.js';

const MB = 1024 * 1024;
const SIZES_MB = (process.env.BENCH_PROMPT_MB ?? '1,5,20').split(',').map(Number);
const PATHS = (process.env.BENCH_PROMPT_PATHS ?? 'chat,chat-anthropic,messages,passthrough').split(
  ',',
);
/** The count takes seconds per MB of CJK: measured up to here, not at the body limit. */
const COUNTED_UP_TO_MB = 5;
const MAX_DEPTH = 64;
const TARGET = {
  baseUrl: 'http://127.0.0.1:9',
  apiKey: 'sk-bench',
  config: {},
  encodeJson: encodeUpstreamJson,
};
const openai = findProvider('openai');
const anthropic = findProvider('anthropic');

/** The body a client of `path` sends with this much of the corpus. */
function requestBody(path, kind, bytes) {
  if (kind === 'many-messages') {
    const body = { model: 'gpt-4o', max_tokens: 16, messages: broadestConversation(bytes) };
    return path.startsWith('chat') ? body : { ...body, stream: true };
  }
  const nested = kind === 'nested-schema';
  const content = nested ? 'Which tool?' : pathologicalText(kind, bytes);
  const schema = nested ? deeplyNestedSchema(bytes) : undefined;
  const base = { model: 'gpt-4o', max_tokens: 16, messages: [{ role: 'user', content }] };
  if (path.startsWith('chat'))
    return schema
      ? { ...base, tools: [{ type: 'function', function: { name: 'deep', parameters: schema } }] }
      : base;
  return {
    ...base,
    stream: true,
    ...(schema && { tools: [{ name: 'deep', input_schema: schema }] }),
  };
}

/** Bytes sent upstream, whatever form the builder and the fetch give them. */
async function upstreamBytes(body) {
  if (typeof body !== 'string') return body.length;
  const slices = await encodeUtf8InSlices(body);
  return slices.reduce((sum, slice) => sum + slice.length, 0);
}

/** Each path in the gateway, its body's bytes in, the upstream's bytes out. */
const REQUEST_PATHS = {
  async chat(bytes) {
    const { json } = await parseJsonBytes(bytes, MAX_DEPTH);
    const request = parseChatRequest(json);
    // The route lets the loop turn after a large body's schema.
    await nextTurn();
    const bound = await boundPromptTokens(request);
    // relay-chat.ts lets the loop turn after the bound of a large prompt.
    await nextTurn();
    await assertForwardableUrls(request);
    const upstream = await openai.buildChatRequest({ ...request, stream: false }, TARGET);
    return { request, bound, sent: await upstreamBytes(upstream.body) };
  },
  // The costliest translation: every turn rebuilt as Anthropic blocks.
  async 'chat-anthropic'(bytes) {
    const { json } = await parseJsonBytes(bytes, MAX_DEPTH);
    const request = parseChatRequest(json);
    // The route lets the loop turn after a large body's schema.
    await nextTurn();
    const bound = await boundPromptTokens(request);
    await nextTurn();
    await assertForwardableUrls(request);
    const upstream = await anthropic.buildChatRequest({ ...request, stream: true }, TARGET);
    return { request, bound, sent: await upstreamBytes(upstream.body) };
  },
  async messages(bytes) {
    const { bytes: body, json } = await parseJsonBytes(bytes, MAX_DEPTH);
    // The route reads the routing fields first, to see whether a channel speaks the format.
    readAnthropicPassthrough(body, json, new Headers());
    const parsed = anthropicMessagesRequestSchema.parse(json);
    // The route lets the loop turn between the schema and the conversion of a large body.
    await nextTurn();
    const request = toCanonicalRequest(parsed);
    await nextTurn();
    const bound = await boundPromptTokens(request);
    await nextTurn();
    await assertForwardableUrls(request);
    const upstream = await openai.buildChatRequest({ ...request, stream: true }, TARGET);
    return { request, bound, sent: await upstreamBytes(upstream.body) };
  },
  async passthrough(bytes) {
    const { bytes: body, json } = await parseJsonBytes(bytes, MAX_DEPTH);
    const request = readAnthropicPassthrough(body, json, new Headers());
    // The hold (a database round trip) comes between.
    await nextTurn();
    await assertForwardableUrls(request.json);
    const upstream = await findNativeSupport(anthropic, 'anthropic-messages').buildRequest(
      { ...request, model: 'claude-mapped' },
      TARGET,
    );
    return { bound: request.promptTokenBound, sent: await upstreamBytes(upstream.body) };
  },
};

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
for (const path of PATHS) {
  for (const kind of process.env.BENCH_PROMPT_KINDS?.split(',') ?? [
    ...PATHOLOGICAL_TEXTS,
    'nested-schema',
    'many-messages',
  ]) {
    for (const sizeMb of SIZES_MB) {
      const bytes = new TextEncoder().encode(JSON.stringify(requestBody(path, kind, sizeMb * MB)));
      const megabytes = bytes.length / MB;
      const requestPath = REQUEST_PATHS[path];
      // Warm the JIT on this shape and start the worker first, as in a running gateway.
      const { request } = await requestPath(bytes);
      const runs = [];
      for (let run = 0; run < 5; run++) {
        const started = performance.now();
        const { pauseMs } = await withLongestPause(() => requestPath(bytes));
        runs.push({ ms: performance.now() - started, pauseMs });
      }
      const counted = path === 'chat' && sizeMb <= COUNTED_UP_TO_MB;
      const countMs = counted ? await timeMs(() => countPromptTokens(request), 1) : Number.NaN;
      results.push({
        scenario: `prompt-${path}-${kind}-${sizeMb}mb`,
        pathMsPerMb: median(runs.map((each) => each.ms)) / megabytes,
        pauseMs: median(runs.map((each) => each.pauseMs)),
        maxPauseMs: Math.max(...runs.map((each) => each.pauseMs)),
        countMsPerMb: countMs / megabytes,
      });
    }
  }
}

console.log(
  'scenario (median of 5)                           path ms/MB  pause ms  (max)  count ms/MB',
);
for (const { scenario, pathMsPerMb, pauseMs, maxPauseMs, countMsPerMb } of results)
  console.log(
    `${scenario.padEnd(48)} ${pathMsPerMb.toFixed(1).padStart(10)} ${pauseMs.toFixed(1).padStart(9)} ${maxPauseMs.toFixed(0).padStart(6)} ${(Number.isNaN(countMsPerMb) ? '-' : countMsPerMb.toFixed(0)).padStart(12)}`,
  );
for (const result of results)
  console.log(
    JSON.stringify({
      scenario: result.scenario,
      pathMsPerMb: Number(result.pathMsPerMb.toFixed(1)),
      pauseMs: Number(result.pauseMs.toFixed(1)),
      maxPauseMs: Number(result.maxPauseMs.toFixed(1)),
      ...(!Number.isNaN(result.countMsPerMb) && { countMsPerMb: Math.round(result.countMsPerMb) }),
    }),
  );
// The worker pool's idle workers are unref'd: nothing keeps the process.
