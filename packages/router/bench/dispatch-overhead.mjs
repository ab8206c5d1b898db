// Measures the router's own cost against the built dist/: selection at 100 channels, and a
// full dispatch with a no-op executor (no network). Prints a table, then one JSON line per
// scenario. Run `pnpm build` first.
import { createRouter, createStaticChannelSource } from '../dist/index.js';

const COMPLETION = {
  id: 'chatcmpl-bench',
  object: 'chat.completion',
  created: 0,
  model: 'gpt-4o',
  choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
};
const EVENTS = [
  { type: 'start', id: 'c', model: 'gpt-4o' },
  { type: 'finish', choice: 0, reason: 'stop' },
];
async function* replay() {
  yield* EVENTS;
}
const noopExecutor = {
  chat: async () => COMPLETION,
  stream: async () => replay(),
};

function channels(count, tiers) {
  return Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    type: 'openai',
    keys: ['sk-a', 'sk-b'],
    models: ['gpt-4o', 'gpt-4o-mini'],
    groups: ['default', 'vip'],
    priority: i % tiers,
    weight: (i * 7) % 50,
  }));
}

async function routerFor(count, tiers, policy = {}) {
  const router = createRouter({
    source: createStaticChannelSource(channels(count, tiers)),
    executor: noopExecutor,
    policy,
  });
  await router.reload();
  return router;
}

function measureSync(fn, iterations) {
  for (let i = 0; i < iterations / 10; i++) fn(i);
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) fn(i);
  return Number(process.hrtime.bigint() - start) / iterations;
}

async function measureAsync(fn, iterations) {
  for (let i = 0; i < iterations / 10; i++) await fn(i);
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) await fn(i);
  return Number(process.hrtime.bigint() - start) / iterations;
}

const results = [];
const request = { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] };
const streamRequest = { ...request, stream: true };
const context = { group: 'default' };

const oneTier = await routerFor(100, 1);
results.push({
  scenario: 'select-100-channels',
  nsPerOp: measureSync(() => oneTier.select('default', 'gpt-4o'), 1_000_000),
});
const leastLatency = await routerFor(100, 1, { strategy: 'least-latency' });
results.push({
  scenario: 'select-100-channels-least-latency',
  nsPerOp: measureSync(() => leastLatency.select('default', 'gpt-4o'), 1_000_000),
});
results.push({
  scenario: 'select-100-channels-sticky',
  nsPerOp: measureSync((i) => oneTier.select('default', 'gpt-4o', `session-${i & 1023}`), 500_000),
});
const fourTiers = await routerFor(100, 4);
results.push({
  scenario: 'select-100-channels-4-tiers',
  nsPerOp: measureSync(() => fourTiers.select('default', 'gpt-4o'), 1_000_000),
});
results.push({
  scenario: 'dispatch-100-channels-noop',
  nsPerOp: await measureAsync(() => oneTier.dispatch(request, context), 200_000),
});
results.push({
  scenario: 'dispatch-stream-100-channels-noop',
  nsPerOp: await measureAsync(async () => {
    const result = await oneTier.dispatch(streamRequest, context);
    for await (const _ of result.events);
  }, 100_000),
});

console.log('scenario                               ns/op');
for (const { scenario, nsPerOp } of results)
  console.log(`${scenario.padEnd(38)} ${nsPerOp.toFixed(0).padStart(6)}`);
for (const result of results)
  console.log(JSON.stringify({ scenario: result.scenario, nsPerOp: Math.round(result.nsPerOp) }));
for (const router of [oneTier, leastLatency, fourTiers]) router.close();
