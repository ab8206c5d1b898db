// Cost per MB of what a chat request's body goes through before the upstream is asked (the
// breadth and depth checks, JSON.parse, the schema, the quota hold's token bound, the body
// re-encoded for the upstream), and of the exact count that count_tokens and streams without
// usage run in slices, over the pathological corpus at 1, 2 and 5 MB. Flat columns mean
// linear cost: nothing here may grow faster than its input. (The count reuses the tokenizer's
// cache of words it has seen, so a text that repeats itself counts faster as it grows.) `pnpm bench` compiles the limits
// and the corpus (src/) into bench/dist first. Prints a table, then one JSON line per row.
import {
  boundPromptTokens,
  countPromptTokens,
  parseChatRequest,
  preloadTokenizer,
} from '@oneapi/adapters';
import { describeJsonBreadthExcess } from './dist/json-breadth.js';
import { exceedsJsonDepth } from './dist/json-depth.js';
import {
  deeplyNestedSchema,
  PATHOLOGICAL_TEXTS,
  pathologicalText,
} from './dist/pathological-prompts.js';

const MB = 1024 * 1024;
const SIZES_MB = [1, 2, 5];
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

/** The synchronous part of a request, body text in, upstream bytes out: one event-loop turn. */
function holdPath(text) {
  if (describeJsonBreadthExcess(text, { maxDepth: MAX_DEPTH })) throw new Error('too broad');
  if (exceedsJsonDepth(text, MAX_DEPTH)) throw new Error('too deep');
  const request = parseChatRequest(JSON.parse(text));
  const bound = boundPromptTokens(request);
  const upstream = new TextEncoder().encode(JSON.stringify({ ...request, model: 'gpt-4o' }));
  return { request, bound, upstreamBytes: upstream.length };
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
    const text = chatBody(kind, sizeMb * MB);
    const megabytes = Buffer.byteLength(text) / MB;
    // Warm the JIT on this shape first, as a running gateway would be.
    const { request } = holdPath(text);
    const holdMs = await timeMs(() => holdPath(text), 5);
    const countMs = await timeMs(() => countPromptTokens(request), 1);
    results.push({
      scenario: `prompt-${kind}-${sizeMb}mb`,
      holdMsPerMb: holdMs / megabytes,
      countMsPerMb: countMs / megabytes,
    });
  }
}

console.log('scenario (median)                      hold ms/MB  count ms/MB');
for (const { scenario, holdMsPerMb, countMsPerMb } of results)
  console.log(
    `${scenario.padEnd(38)} ${holdMsPerMb.toFixed(1).padStart(10)} ${countMsPerMb.toFixed(0).padStart(12)}`,
  );
for (const result of results)
  console.log(
    JSON.stringify({
      scenario: result.scenario,
      holdMsPerMb: Number(result.holdMsPerMb.toFixed(1)),
      countMsPerMb: Math.round(result.countMsPerMb),
    }),
  );
