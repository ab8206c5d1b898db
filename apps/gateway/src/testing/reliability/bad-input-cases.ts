/*
 * The bad-input corpus: what hostile or broken clients send, and the exact answer each gets.
 * Bodies go to POST /v1/chat/completions with a valid API key unless a case says otherwise.
 * Large bodies are built once, before the event-loop delay is measured, since building them
 * is the test process's work, not the gateway's.
 */

const MiB = 1024 * 1024;

export interface BadInputCase {
  readonly name: string;
  /** A function: pieces sent with chunked transfer encoding, no Content-Length. */
  readonly body?: string | Uint8Array | (() => AsyncIterable<Uint8Array>);
  readonly method?: string;
  /** Default /v1/chat/completions. */
  readonly path?: string;
  /** Default: the API key. */
  readonly auth?: 'api-key' | 'none';
  readonly status: number;
  /** The OpenAI error `code` of a refusal. */
  readonly code?: string;
  readonly param?: string;
  /** Checks beyond status and shape, given the reply and the body the upstream last received. */
  readonly check?: (reply: { headers: Headers; text: string }, upstreamBody: unknown) => void;
}

const chat = (extra = '', model = '"gpt-4o-mini"') =>
  `{"model":${model},"messages":[{"role":"user","content":"hi"}]${extra}}`;
const encode = (text: string) => new TextEncoder().encode(text);

/**
 * `"0":0,"1":0,...` with base-36 keys: a million keys in under 9 MiB, written as bytes (a
 * million small strings would leave the garbage collector work to do during the measurement).
 */
function millionKeys(): Uint8Array {
  const DIGITS = encode('0123456789abcdefghijklmnopqrstuvwxyz');
  const bytes = new Uint8Array(9 * MiB);
  const digits = new Uint8Array(8);
  let length = 0;
  for (let i = 0; i < 1_000_000; i++) {
    if (i > 0) bytes[length++] = 0x2c; // ,
    bytes[length++] = 0x22; // "
    let count = 0;
    for (let rest = i; count === 0 || rest > 0; rest = Math.floor(rest / 36)) {
      digits[count++] = DIGITS[rest % 36]!;
    }
    while (count > 0) bytes[length++] = digits[--count]!;
    bytes[length++] = 0x22; // "
    bytes[length++] = 0x3a; // :
    bytes[length++] = 0x30; // 0
  }
  return bytes.subarray(0, length);
}

/** A body sent in 1 MiB pieces with no Content-Length, so only counting can stop it. */
function streamedBody(totalBytes: number): () => AsyncIterable<Uint8Array> {
  return async function* () {
    yield encode('{"model":"gpt-4o-mini","messages":[{"role":"user","content":"');
    const piece = new Uint8Array(MiB).fill(0x61);
    for (let sent = 0; sent < totalBytes; sent += piece.length) yield piece;
  };
}

export function buildBadInputCases(bodyLimitBytes: number): BadInputCase[] {
  const keys = millionKeys();
  // Encoded now, so that sending them costs the test process no more than a copy.
  const oversized = encode(chat(`,"padding":"${'a'.repeat(bodyLimitBytes + MiB)}"`));
  return [
    {
      name: 'a body over BODY_LIMIT_MB, announced by Content-Length',
      body: oversized,
      status: 413,
      code: 'payload_too_large',
    },
    {
      name: 'a body over BODY_LIMIT_MB, streamed without Content-Length',
      body: streamedBody(bodyLimitBytes + MiB),
      status: 413,
      code: 'payload_too_large',
    },
    {
      name: 'arrays nested 100,000 deep',
      body: encode(chat(`,"x":${'['.repeat(100_000)}${']'.repeat(100_000)}`)),
      status: 400,
      code: 'invalid_request',
    },
    {
      name: `a million keys in one object (${(keys.length / MiB).toFixed(1)} MiB, under the body limit)`,
      body: concat(encode(chat().slice(0, -1)), encode(','), keys, encode('}')),
      status: 400,
      code: 'invalid_request',
      check: ({ text }) => expectIncludes(text, 'more than 1000 keys'),
    },
    {
      name: 'a million keys in the anonymous sign-in body',
      path: '/api/auth/login',
      auth: 'none',
      body: concat(encode('{'), keys, encode('}')),
      status: 400,
      code: 'invalid_request',
    },
    {
      name: '1e309 (Infinity) as temperature',
      body: chat(',"temperature":1e309'),
      status: 400,
      code: 'invalid_request',
      param: 'temperature',
    },
    {
      name: '1e309 (Infinity) as max_tokens',
      body: chat(',"max_tokens":1e309'),
      status: 400,
      code: 'invalid_request',
      param: 'max_tokens',
    },
    {
      // Refused, not decoded with U+FFFD in place of each bad byte (as Request.text() would)
      // and then forwarded and billed as text the client never sent.
      name: 'invalid UTF-8 bytes inside a string',
      body: concat(encode(chat().slice(0, -4)), new Uint8Array([0xc3, 0x28, 0xff]), encode('"}]}')),
      status: 400,
      code: 'invalid_request',
      check: ({ text }) => expectIncludes(text, 'valid UTF-8'),
    },
    {
      name: 'invalid UTF-8 bytes between tokens',
      body: concat(encode('{"model":"gpt-4o-mini",'), new Uint8Array([0xff]), encode('"x":1}')),
      status: 400,
      code: 'invalid_request',
    },
    {
      // Valid JSON (JSON text may escape any code unit); passed on as sent.
      name: 'lone surrogates (\\ud800, \\udfff)',
      body: '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"\\ud800 and \\udfff"}]}',
      status: 200,
    },
    {
      name: '__proto__ at the top level',
      body: chat(',"__proto__":{"polluted":"yes","max_tokens":-1,"stream":true}'),
      status: 200,
      // Not inherited by the parsed request either: it was neither streamed nor refused.
      check: ({ headers }) => expectIncludes(headers.get('content-type') ?? '', 'application/json'),
    },
    {
      name: '__proto__ inside a message',
      body: '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi","__proto__":{"polluted":"yes"}}]}',
      status: 200,
    },
    {
      name: 'constructor.prototype at the top level',
      body: chat(',"constructor":{"prototype":{"polluted":"yes"}}'),
      status: 200,
    },
    {
      name: 'negative max_tokens',
      body: chat(',"max_tokens":-5'),
      status: 400,
      code: 'invalid_request',
      param: 'max_tokens',
    },
    {
      // OpenAI caps n at 128; so does the request schema (packages/adapters).
      name: 'n = 1000',
      body: chat(',"n":1000'),
      status: 400,
      code: 'invalid_request',
      param: 'n',
    },
    {
      // Unknown fields reach OpenAI-compatible upstreams untouched (new API fields work).
      name: 'unknown fields',
      body: chat(',"frobnicate":{"level":11}'),
      status: 200,
      check: (_reply, upstream) =>
        expectIncludes(JSON.stringify(upstream), '"frobnicate":{"level":11}'),
    },
    {
      name: 'wrong type: messages as a string',
      body: '{"model":"gpt-4o-mini","messages":"hi"}',
      status: 400,
      code: 'invalid_request',
      param: 'messages',
    },
    {
      name: 'wrong type: model as a number',
      body: chat('', '42'),
      status: 400,
      code: 'invalid_request',
      param: 'model',
    },
    {
      name: 'wrong type: stream as a string',
      body: chat(',"stream":"yes"'),
      status: 400,
      code: 'invalid_request',
      param: 'stream',
    },
    { name: 'an empty body', body: '', status: 400, code: 'invalid_request' },
    { name: 'a JSON array body', body: '[]', status: 400, code: 'invalid_request' },
    {
      // Model names are matched exactly against channels' lists: an unknown name is the
      // documented 404 model_not_found, and nothing of it reaches a header.
      name: 'CRLF header injection in the model name',
      body: chat('', JSON.stringify('gpt-4o-mini\r\nx-injected: 1')),
      status: 404,
      code: 'model_not_found',
      param: 'model',
      check: ({ headers }) => expectAbsent(headers.get('x-injected')),
    },
    {
      name: 'path traversal in the model name',
      body: chat('', '"../../etc/passwd"'),
      status: 404,
      code: 'model_not_found',
      param: 'model',
    },
    {
      name: 'path traversal in GET /v1/models/:id',
      method: 'GET',
      path: '/v1/models/..%2F..%2Fetc%2Fpasswd',
      status: 404,
      code: 'model_not_found',
    },
    {
      name: 'path traversal out of the dashboard directory',
      method: 'GET',
      path: '/assets/..%2f..%2fsecret.txt',
      auth: 'none',
      status: 404,
      code: 'not_found',
      check: ({ text }) => expectAbsent(text.includes('TOP-SECRET') ? text : null),
    },
  ];
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const joined = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}

function expectIncludes(text: string, part: string): void {
  if (!text.includes(part))
    throw new Error(`expected ${JSON.stringify(part)} in ${text.slice(0, 200)}`);
}

function expectAbsent(value: unknown): void {
  if (value !== null) throw new Error(`expected nothing, got ${String(value).slice(0, 200)}`);
}
