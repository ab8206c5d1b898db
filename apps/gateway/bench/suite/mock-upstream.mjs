// A mock upstream that speaks OpenAI's POST .../chat/completions and Anthropic's POST
// .../v1/messages, built from the recorded captures beside the adapters, cheap enough
// (answers prebuilt once per shape) not to be what a benchmark measures.
//
// The path prefix chooses a stream's shape, so one mock serves every channel:
//   /s/<chunks>/<firstTokenMs>/<gapMs>/v1/chat/completions
// <chunks> text deltas, the first after <firstTokenMs>, the next ones <gapMs> apart, then a
// finish chunk and a usage chunk (OpenAI) or message_delta with usage (Anthropic). A body
// without "stream":true gets the recorded non-stream answer, usage included.
// GET /stats answers {openStreams}. Prints {"port"} on stdout once listening.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const relayFixtures = new URL('../../src/routes/relay/__fixtures__/', import.meta.url);
const anthropicFixtures = new URL(
  '../../../../packages/adapters/src/providers/anthropic/__fixtures__/',
  import.meta.url,
);
const readFixture = (base, name) => readFileSync(new URL(name, base), 'utf8');

const openAICompletion = JSON.parse(readFixture(relayFixtures, 'chat-completion-text.json'));
const openAIChunks = readFixture(relayFixtures, 'chat-stream-include-usage.sse')
  .split('\n')
  .filter((line) => line.startsWith('data: {'))
  .map((line) => JSON.parse(line.slice(6)));
const anthropicMessage = JSON.parse(readFixture(anthropicFixtures, 'messages-text.json'));
const anthropicEvents = readFixture(anthropicFixtures, 'messages-stream-text.chunks.jsonl')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line));

// Deltas carry the recorded answer's words, one per chunk, cycling when it runs out.
const words = openAICompletion.choices[0].message.content.split(' ').map((word) => `${word} `);

const jsonAnswer = (value) => Buffer.from(JSON.stringify(value));
const nonStreamAnswers = {
  openai: jsonAnswer(openAICompletion),
  anthropic: jsonAnswer(anthropicMessage),
};

const sse = (data, event) =>
  Buffer.from(`${event ? `event: ${event}\n` : ''}data: ${JSON.stringify(data)}\n\n`);

/** The frames of one OpenAI stream: [opening (role + first delta), ...deltas, closing]. */
function buildOpenAIStream(chunks) {
  const [roleChunk, contentChunk] = openAIChunks;
  const finishChunk = openAIChunks.at(-2);
  const usageChunk = openAIChunks.at(-1);
  const delta = (index) =>
    sse({
      ...contentChunk,
      choices: [{ ...contentChunk.choices[0], delta: { content: words[index % words.length] } }],
    });
  const frames = Array.from({ length: chunks }, (_, index) => delta(index));
  const usage = { prompt_tokens: 40, completion_tokens: chunks, total_tokens: 40 + chunks };
  const closing = Buffer.concat([
    sse(finishChunk),
    sse({ ...usageChunk, usage }),
    Buffer.from('data: [DONE]\n\n'),
  ]);
  return {
    opening: Buffer.concat([sse(roleChunk), frames[0] ?? Buffer.alloc(0)]),
    deltas: frames.slice(1),
    closing,
  };
}

/** The frames of one Anthropic stream, in the same three parts. */
function buildAnthropicStream(chunks) {
  const byType = (type) => anthropicEvents.find((event) => event.type === type);
  const start = byType('message_start');
  const blockDelta = byType('content_block_delta');
  const messageDelta = byType('message_delta');
  const delta = (index) =>
    sse(
      { ...blockDelta, delta: { type: 'text_delta', text: words[index % words.length] } },
      'content_block_delta',
    );
  const frames = Array.from({ length: chunks }, (_, index) => delta(index));
  const opening = Buffer.concat([
    sse(start, 'message_start'),
    sse(byType('content_block_start'), 'content_block_start'),
    sse({ type: 'ping' }, 'ping'),
    frames[0] ?? Buffer.alloc(0),
  ]);
  const closing = Buffer.concat([
    sse(byType('content_block_stop'), 'content_block_stop'),
    sse(
      { ...messageDelta, usage: { ...messageDelta.usage, output_tokens: chunks } },
      'message_delta',
    ),
    sse({ type: 'message_stop' }, 'message_stop'),
  ]);
  return { opening, deltas: frames.slice(1), closing };
}

const streams = new Map();
function streamFrames(format, chunks) {
  const key = `${format}/${chunks}`;
  if (!streams.has(key))
    streams.set(
      key,
      format === 'openai' ? buildOpenAIStream(chunks) : buildAnthropicStream(chunks),
    );
  return streams.get(key);
}

let openStreams = 0;

function sendStream(outgoing, frames, { firstTokenMs, gapMs }) {
  openStreams++;
  let timer;
  let index = 0;
  outgoing.on('close', () => {
    clearTimeout(timer);
    openStreams--;
  });
  const next = () => {
    if (index === 0) {
      outgoing.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      outgoing.write(frames.opening);
    } else {
      outgoing.write(frames.deltas[index - 1]);
    }
    index++;
    // Without a gap the deltas go out back to back: one write each, as a server flushing
    // every token would, rather than one large buffer.
    while (gapMs === 0 && index <= frames.deltas.length) outgoing.write(frames.deltas[index++ - 1]);
    if (index > frames.deltas.length) outgoing.end(frames.closing);
    else timer = setTimeout(next, gapMs);
  };
  if (firstTokenMs === 0) next();
  else timer = setTimeout(next, firstTokenMs);
}

const SHAPE = /^\/s\/(\d+)\/(\d+)\/(\d+)(\/.*)$/;

const server = createServer((incoming, outgoing) => {
  if (incoming.method === 'GET' && incoming.url === '/stats') {
    outgoing.end(JSON.stringify({ openStreams }));
    return;
  }
  const shape = SHAPE.exec(incoming.url ?? '');
  const path = shape?.[4] ?? '';
  const format = path.endsWith('/chat/completions')
    ? 'openai'
    : path.endsWith('/v1/messages')
      ? 'anthropic'
      : undefined;
  if (!shape || !format || incoming.method !== 'POST') {
    outgoing.writeHead(404, { 'content-type': 'application/json' });
    outgoing.end('{"error":{"message":"mock upstream: unknown path","type":"not_found"}}');
    return;
  }
  const parts = [];
  incoming.on('data', (part) => parts.push(part));
  incoming.on('end', () => {
    // Both clients (the gateway, the floors) serialize with JSON.stringify: no spaces.
    if (!Buffer.concat(parts).includes('"stream":true')) {
      const answer = nonStreamAnswers[format];
      outgoing.writeHead(200, {
        'content-type': 'application/json',
        'content-length': answer.length,
      });
      outgoing.end(answer);
      return;
    }
    sendStream(outgoing, streamFrames(format, Math.max(1, Number(shape[1]))), {
      firstTokenMs: Number(shape[2]),
      gapMs: Number(shape[3]),
    });
  });
});
// Longer than the clients' keep-alive (undici: 30 s in the gateway), so the server never
// closes a pooled connection just as a request is sent on it; idle streams never time out.
server.keepAliveTimeout = 120_000;
server.requestTimeout = 0;
server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, () => {
  console.log(JSON.stringify({ port: server.address().port }));
});
process.on('SIGTERM', () => process.exit(0));
