// Per-chunk cost of the two stream paths the gateway runs most, against the built package:
// the OpenAI passthrough (bytes in, same events out, usage read) and the Anthropic -> OpenAI
// translation (decode Anthropic events, encode chat.completion.chunk frames).
// Run: pnpm --filter @oneapi/adapters bench
import {
  anthropicAdapter,
  createOpenAIChunkEncoder,
  createOpenAIPassthrough,
  readStreamMessages,
} from '../dist/index.js';

const CHUNKS = 20_000;
const ROUNDS = 7;
const encoder = new TextEncoder();

function openAIStream() {
  const head = {
    id: 'chatcmpl-bench',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'gpt-4o',
  };
  let text = '';
  for (let i = 0; i < CHUNKS; i++) {
    text += `data: ${JSON.stringify({ ...head, choices: [{ index: 0, delta: { content: ` token${i}` }, finish_reason: null }] })}\n\n`;
  }
  text += `data: ${JSON.stringify({ ...head, choices: [], usage: { prompt_tokens: 10, completion_tokens: CHUNKS, total_tokens: CHUNKS + 10 } })}\n\n`;
  return `${text}data: [DONE]\n\n`;
}

function anthropicMessages() {
  const messages = [
    {
      event: 'message_start',
      data: JSON.stringify({
        type: 'message_start',
        message: {
          id: 'msg_bench',
          model: 'claude',
          usage: { input_tokens: 10, output_tokens: 1 },
        },
      }),
    },
    {
      event: 'content_block_start',
      data: '{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}',
    },
  ];
  for (let i = 0; i < CHUNKS; i++) {
    messages.push({
      event: 'content_block_delta',
      data: JSON.stringify({
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'text_delta', text: ` token${i}` },
      }),
    });
  }
  messages.push({
    event: 'message_delta',
    data: JSON.stringify({
      type: 'message_delta',
      delta: { stop_reason: 'end_turn' },
      usage: { output_tokens: CHUNKS },
    }),
  });
  return messages;
}

function toSse(messages) {
  return messages.map((m) => `event: ${m.event}\ndata: ${m.data}\n\n`).join('');
}

// Network-sized pieces: 16 KiB, as a socket would deliver them.
function pieces(bytes) {
  const out = [];
  for (let i = 0; i < bytes.length; i += 16_384) out.push(bytes.subarray(i, i + 16_384));
  return out;
}

async function passthrough(bytesPieces) {
  const relay = createOpenAIPassthrough({ includeUsage: false });
  const source = new ReadableStream({
    start(controller) {
      for (const piece of bytesPieces) controller.enqueue(piece);
      controller.close();
    },
  });
  let frames = 0;
  for await (const _ of source.pipeThrough(relay.stream)) frames++;
  if (relay.usage()?.completionTokens !== CHUNKS) throw new Error('usage not read');
  return frames;
}

function translate(messages) {
  const decoder = anthropicAdapter.createStreamDecoder({ model: 'claude', messages: [] });
  const out = createOpenAIChunkEncoder({ model: 'claude', includeUsage: true });
  let frames = 0;
  for (const message of messages)
    for (const event of decoder.decode(message)) frames += out.encode(event).length;
  return frames + out.end().length;
}

async function translateWithFraming(bytesPieces) {
  const decoder = anthropicAdapter.createStreamDecoder({ model: 'claude', messages: [] });
  const out = createOpenAIChunkEncoder({ model: 'claude', includeUsage: true });
  let frames = 0;
  for await (const message of readStreamMessages(bytesPieces, 'sse')) {
    for (const event of decoder.decode(message)) frames += out.encode(event).length;
  }
  return frames + out.end().length;
}

async function measure(scenario, run) {
  await run(); // warm-up
  const rates = [];
  for (let round = 0; round < ROUNDS; round++) {
    const start = process.hrtime.bigint();
    await run();
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    rates.push(CHUNKS / seconds);
  }
  rates.sort((a, b) => a - b);
  const median = rates[Math.floor(rates.length / 2)];
  return {
    scenario,
    chunks: CHUNKS,
    chunksPerSecond: Math.round(median),
    nsPerChunk: Math.round(1e9 / median),
  };
}

const openAIPieces = pieces(encoder.encode(openAIStream()));
const anthropic = anthropicMessages();
const anthropicPieces = pieces(encoder.encode(toSse(anthropic)));

const results = [
  await measure('openai-passthrough (SSE bytes in and out, usage read)', () =>
    passthrough(openAIPieces),
  ),
  await measure('anthropic->openai transform (decode + encode)', () => translate(anthropic)),
  await measure('anthropic->openai with SSE framing (bytes -> frames)', () =>
    translateWithFraming(anthropicPieces),
  ),
];

console.log(`node ${process.version}, ${CHUNKS} chunks per run, median of ${ROUNDS} runs\n`);
console.log('| scenario | chunks/s | ns/chunk |');
console.log('| --- | ---: | ---: |');
for (const r of results)
  console.log(`| ${r.scenario} | ${r.chunksPerSecond.toLocaleString('en-US')} | ${r.nsPerChunk} |`);
console.log('');
for (const r of results) console.log(JSON.stringify(r));
