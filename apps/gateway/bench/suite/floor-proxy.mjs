// The reference floor: the least a Node proxy can do between the same client and upstream,
// node:http in front of undici (the gateway's HTTP client), measured in the same run so
// every gateway figure reads as a ratio to what Node does on this machine that day.
//
//   node floor-proxy.mjs raw  <upstream origin>   bytes through, both ways
//   node floor-proxy.mjs json <upstream origin>   JSON.parse the request and send it
//     re-serialized; JSON.parse the answer, read its usage, answer it re-serialized; for a
//     stream, pass the bytes through and JSON.parse every data: line, reading usage
//
// The request path goes upstream unchanged. Prints {"port"} on stdout once listening.
import { createServer } from 'node:http';
import { Agent, request } from 'undici';

const [mode, upstreamOrigin] = process.argv.slice(2);
if ((mode !== 'raw' && mode !== 'json') || !upstreamOrigin) {
  console.error('usage: floor-proxy.mjs raw|json <upstream origin>');
  process.exit(2);
}

// As the gateway's upstream Agent: pooled, kept alive, no undici timeouts.
const agent = new Agent({ keepAliveTimeout: 30_000, headersTimeout: 0, bodyTimeout: 0 });
// What a billing proxy keeps from each answer; the floor only adds it up.
const billed = { answers: 0, tokens: 0 };
const bill = (usage) => {
  billed.answers++;
  billed.tokens +=
    (usage.prompt_tokens ?? usage.input_tokens ?? 0) +
    (usage.completion_tokens ?? usage.output_tokens ?? 0);
};

async function readBytes(stream) {
  const parts = [];
  for await (const part of stream) parts.push(part);
  return Buffer.concat(parts);
}

/** Passes SSE bytes through; in json mode parses each data: line, as a usage reader must. */
async function relayStream(body, outgoing) {
  const decoder = new TextDecoder();
  let rest = '';
  for await (const part of body) {
    outgoing.write(part);
    if (mode === 'raw') continue;
    const lines = (rest + decoder.decode(part, { stream: true })).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.startsWith('data: {')) continue;
      const { usage } = JSON.parse(line.slice(6));
      if (usage) bill(usage);
    }
  }
  outgoing.end();
}

async function relay(incoming, outgoing, signal) {
  // Read whole, as any proxy that looks at the body must; undici then sends it in one write
  // (a request body streamed through costs more than it saves at these sizes).
  const bytes = await readBytes(incoming);
  const upstream = await request(upstreamOrigin + incoming.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: mode === 'json' ? JSON.stringify(JSON.parse(bytes.toString('utf8'))) : bytes,
    dispatcher: agent,
    signal,
  });
  const contentType = String(upstream.headers['content-type'] ?? '');
  if (contentType.startsWith('text/event-stream')) {
    outgoing.writeHead(upstream.statusCode, { 'content-type': contentType });
    await relayStream(upstream.body, outgoing);
    return;
  }
  let answer = await readBytes(upstream.body);
  if (mode === 'json') {
    const parsed = JSON.parse(answer.toString('utf8'));
    if (parsed.usage) bill(parsed.usage);
    answer = JSON.stringify(parsed);
  }
  outgoing.writeHead(upstream.statusCode, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(answer),
  });
  outgoing.end(answer);
}

const server = createServer((incoming, outgoing) => {
  // A client that leaves cancels the upstream call, as the gateway does.
  const controller = new AbortController();
  outgoing.on('close', () => {
    if (!outgoing.writableFinished) controller.abort();
  });
  relay(incoming, outgoing, controller.signal).catch((error) => {
    if (controller.signal.aborted) return;
    if (!outgoing.headersSent) outgoing.writeHead(502, { 'content-type': 'text/plain' });
    outgoing.end(String(error));
  });
});
server.keepAliveTimeout = 65_000;
server.requestTimeout = 0;
server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, () => {
  console.log(JSON.stringify({ port: server.address().port }));
});
process.on('SIGTERM', () => process.exit(0));
