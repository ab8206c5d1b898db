// Measures the JSON shape check (depth and breadth caps, one pass) every request body goes
// through before JSON.parse, on a typical 20 KB chat body, next to JSON.parse itself for
// scale. `pnpm bench` compiles src/limits/json-breadth.ts into bench/dist first. Prints a table, then one JSON line per
// scenario.
import { checkJsonShape, jsonShapeLimits } from './dist/json-breadth.js';

// A chat with a system prompt, a tool with a nested JSON schema and turns of prose and code
// (brackets and escaped quotes inside strings), grown to about 20 KB.
const ENGLISH =
  'The gateway relays the request to the first healthy channel; if it fails before the ' +
  'first event, the router tries the next one. Quotes like "this" and [brackets] appear ' +
  'in code: `const xs = [[1, 2], {"a": [3]}];` and paths like C:\\data.\n';
// Non-Latin-1 text makes the whole body a two-byte string in V8.
const CHINESE =
  '网关把请求转发给第一个健康的渠道；如果在第一个事件之前失败，路由器会尝试下一个。' +
  '代码里有 "引号" 和 [方括号]：`const xs = [[1, 2], {"a": [3]}];`。\n';

function chatBody(targetBytes, prose) {
  const body = {
    model: 'gpt-4o',
    stream: true,
    stream_options: { include_usage: true },
    temperature: 0.2,
    tools: [
      {
        type: 'function',
        function: {
          name: 'search_logs',
          description: 'Search request logs by model and time range.',
          parameters: {
            type: 'object',
            properties: {
              model: { type: 'string' },
              range: {
                type: 'object',
                properties: { from: { type: 'integer' }, to: { type: 'integer' } },
                required: ['from', 'to'],
              },
              filters: { type: 'array', items: { type: 'object', additionalProperties: true } },
            },
            required: ['model'],
          },
        },
      },
    ],
    messages: [{ role: 'system', content: 'You are a careful assistant for gateway operators.' }],
  };
  for (let turn = 0; Buffer.byteLength(JSON.stringify(body)) < targetBytes; turn++) {
    body.messages.push({
      role: turn % 2 === 0 ? 'user' : 'assistant',
      content: turn % 3 === 2 ? [{ type: 'text', text: prose.repeat(3) }] : prose.repeat(4),
    });
  }
  return JSON.stringify(body);
}

function nsPerKb(fn, text, iterations) {
  const kb = (typeof text === 'string' ? Buffer.byteLength(text) : text.length) / 1024;
  let sink = 0;
  for (let i = 0; i < iterations / 10; i++) sink += fn(text) ? 1 : 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) sink += fn(text) ? 1 : 0;
  const ns = Number(process.hrtime.bigint() - start) / iterations;
  if (sink < 0) console.log(sink);
  return ns / kb;
}

const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
const runs = (fn, text) => median(Array.from({ length: 7 }, () => nsPerKb(fn, text, 5_000)));
const results = [];
for (const [name, prose] of [
  ['chat', ENGLISH],
  ['chat-chinese', CHINESE],
]) {
  const text = chatBody(20 * 1024, prose);
  // The check reads the body's UTF-8 bytes, as they arrive.
  const bytes = new TextEncoder().encode(text);
  const limits = jsonShapeLimits(64);
  if (checkJsonShape(bytes, limits)) throw new Error('the sample body should pass');
  results.push(
    {
      scenario: `json-shape-check-20kb-${name}`,
      nsPerKb: runs((b) => checkJsonShape(b, limits) !== undefined, bytes),
    },
    { scenario: `json-parse-20kb-${name}`, nsPerKb: runs((t) => JSON.parse(t) !== null, text) },
  );
}

console.log('scenario (20 KB bodies, median of 7)    ns/KB');
for (const { scenario, nsPerKb } of results)
  console.log(`${scenario.padEnd(36)} ${nsPerKb.toFixed(0).padStart(7)}`);
for (const result of results)
  console.log(JSON.stringify({ scenario: result.scenario, nsPerKb: Math.round(result.nsPerKb) }));
