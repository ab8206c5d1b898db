import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  errorBody,
  leakyErrorBody,
  leakyStreamError,
  MODEL_LIST,
  type ScriptedUsage,
  successChunks,
  type UpstreamFormat,
} from './fault-upstream-bodies';

export type { ScriptedUsage, UpstreamFormat } from './fault-upstream-bodies';

/** What the fault upstream does with one request. Every plan may first wait `latencyMs`. */
export type FaultPlan = { readonly latencyMs?: number } & (
  | {
      /** A recorded answer (model list, completion or stream) with the scripted usage. */
      readonly kind: 'answer';
      readonly usage?: ScriptedUsage;
      /** Pause between body pieces (SSE events), ms. */
      readonly chunkDelayMs?: number;
    }
  /** Never sends the status line; the connection is cut after `maxHangMs`. */
  | { readonly kind: 'hang-before-headers' }
  /** Sends headers and `afterChunks` pieces (default 0), then silence until `maxHangMs`. */
  | { readonly kind: 'hang-after-headers'; readonly afterChunks?: number }
  /** Sends headers and `chunks` pieces, then resets the TCP connection (RST). */
  | { readonly kind: 'reset-after-chunks'; readonly chunks: number; readonly chunkDelayMs?: number }
  /** 429 with a `retry-after` header. */
  | { readonly kind: 'rate-limited'; readonly retryAfterSeconds: number }
  /** A 5xx (default 500); return it for a run of `index` to script a burst. */
  | { readonly kind: 'server-error'; readonly status?: number }
  | { readonly kind: 'unauthorized' }
  /**
   * An error with status `status` (default 500) that quotes the key received and `alsoQuote`
   * (say, the channel's other keys) in every field, in several forms (whole, without its
   * vendor prefix, masked as upstreams show keys), nested, and in an `x-upstream-key` header.
   */
  | {
      readonly kind: 'leaky-error';
      readonly status?: number;
      readonly alsoQuote?: readonly string[];
    }
  /** Headers, `afterChunks` pieces, then such an error as a stream event, and the end. */
  | {
      readonly kind: 'leaky-stream-error';
      readonly afterChunks: number;
      readonly alsoQuote?: readonly string[];
    }
);

/** A request as the script sees it. */
export interface ScriptedRequest {
  /** 0 for the first request this upstream received, in arrival order. */
  readonly index: number;
  readonly method: string;
  readonly path: string;
  /** From the path: `/messages` is Anthropic's, anything else OpenAI's. */
  readonly format: UpstreamFormat;
  readonly stream: boolean;
  readonly model: string | undefined;
  /** The credential received (bearer token or `x-api-key`); error bodies echo it. */
  readonly key: string;
  /** The parsed JSON body; undefined when there is none or it is not JSON. */
  readonly body: unknown;
}

export type FaultScript = (request: ScriptedRequest) => FaultPlan | Promise<FaultPlan>;

export interface FaultUpstream {
  /** `http://127.0.0.1:<port>`; channels take `${url}/v1`. */
  readonly url: string;
  readonly requests: readonly ScriptedRequest[];
  /** Requests not yet answered in full nor abandoned by the client (hung ones included). */
  inFlight(): number;
  close(): Promise<void>;
}

export interface FaultUpstreamOptions {
  /** How long a hang lasts before the connection is cut. Default 30 s. */
  readonly maxHangMs?: number;
  /** The server closes itself after this long, so a forgotten one never outlives its test. Default 120 s. */
  readonly lifetimeMs?: number;
}

/**
 * A scripted OpenAI/Anthropic upstream on 127.0.0.1: for each request the script returns a
 * fault plan (latency, hangs before or after headers, a reset after N pieces, 429 with
 * Retry-After, 5xx, 401), else recorded answers with the scripted usage.
 */
export async function startFaultUpstream(
  script: FaultScript,
  options: FaultUpstreamOptions = {},
): Promise<FaultUpstream> {
  const maxHangMs = options.maxHangMs ?? 30_000;
  const closing = new AbortController();
  const requests: ScriptedRequest[] = [];
  const sockets = new Set<Socket>();
  let inFlight = 0;

  const server = createServer(async (incoming, outgoing) => {
    const gone = new AbortController();
    inFlight++;
    outgoing.on('close', () => {
      inFlight--;
      gone.abort();
    });
    const signal = AbortSignal.any([gone.signal, closing.signal]);
    const request = await readRequest(incoming, requests.length);
    requests.push(request);
    let plan: FaultPlan;
    try {
      plan = await script(request);
    } catch (error) {
      outgoing.writeHead(500, { 'content-type': 'text/plain' }).end(`script failed: ${error}`);
      return;
    }
    await pause(plan.latencyMs ?? 0, signal);
    if (!signal.aborted) await perform(plan, request, outgoing, { signal, maxHangMs });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  const close = () =>
    new Promise<void>((resolve) => {
      clearTimeout(lifetime);
      closing.abort();
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  const lifetime = setTimeout(close, options.lifetimeMs ?? 120_000);
  lifetime.unref();

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    inFlight: () => inFlight,
    close,
  };
}

async function perform(
  plan: FaultPlan,
  request: ScriptedRequest,
  outgoing: ServerResponse,
  { signal, maxHangMs }: { signal: AbortSignal; maxHangMs: number },
): Promise<void> {
  const fail = (status: number, kind: Parameters<typeof errorBody>[1], headers = {}) =>
    outgoing
      .writeHead(status, { 'content-type': 'application/json', ...headers })
      .end(errorBody(request.format, kind, request.key, status));
  const hangThenCut = async () => {
    await pause(maxHangMs, signal);
    outgoing.socket?.destroy();
  };
  switch (plan.kind) {
    case 'unauthorized':
      return void fail(401, 'unauthorized');
    case 'rate-limited':
      return void fail(429, 'rate-limited', { 'retry-after': String(plan.retryAfterSeconds) });
    case 'server-error':
      return void fail(plan.status ?? 500, 'server-error');
    case 'hang-before-headers':
      return hangThenCut();
    case 'leaky-error': {
      const secrets = [request.key, ...(plan.alsoQuote ?? [])];
      outgoing
        .writeHead(plan.status ?? 500, {
          'content-type': 'application/json',
          'x-upstream-key': secrets.join(' '),
        })
        .end(leakyErrorBody(request.format, secrets));
      return;
    }
  }
  const pieces = answerPieces(request, plan.kind === 'answer' ? plan.usage : undefined);
  outgoing.writeHead(200, {
    'content-type': request.stream ? 'text/event-stream' : 'application/json',
  });
  outgoing.flushHeaders();
  if (plan.kind === 'hang-after-headers') {
    await writePieces(outgoing, pieces.slice(0, plan.afterChunks ?? 0), 0, signal);
    return hangThenCut();
  }
  if (plan.kind === 'leaky-stream-error') {
    await writePieces(outgoing, pieces.slice(0, plan.afterChunks), 0, signal);
    outgoing.end(leakyStreamError(request.format, [request.key, ...(plan.alsoQuote ?? [])]));
    return;
  }
  if (plan.kind === 'reset-after-chunks') {
    await writePieces(outgoing, pieces.slice(0, plan.chunks), plan.chunkDelayMs ?? 0, signal);
    // Let the written pieces leave before the RST, which would otherwise discard them.
    await pause(20, signal);
    outgoing.socket?.resetAndDestroy();
    return;
  }
  await writePieces(outgoing, pieces, plan.chunkDelayMs ?? 0, signal);
  outgoing.end();
}

function answerPieces(request: ScriptedRequest, usage: ScriptedUsage | undefined): string[] {
  if (request.method === 'GET' && request.path.endsWith('/models')) return [MODEL_LIST];
  const body = request.body as { stream_options?: { include_usage?: boolean } } | undefined;
  return successChunks(request.format, {
    model: request.model ?? 'unknown',
    stream: request.stream,
    includeUsage: body?.stream_options?.include_usage === true,
    ...(usage && { usage }),
  });
}

async function writePieces(
  outgoing: ServerResponse,
  pieces: readonly string[],
  delayMs: number,
  signal: AbortSignal,
): Promise<void> {
  for (const [index, piece] of pieces.entries()) {
    if (signal.aborted) return;
    if (index > 0) await pause(delayMs, signal);
    outgoing.write(piece);
  }
}

async function readRequest(incoming: IncomingMessage, index: number): Promise<ScriptedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  let body: unknown;
  try {
    body = chunks.length > 0 ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
  } catch {
    body = undefined;
  }
  const fields = (body ?? {}) as { stream?: unknown; model?: unknown };
  const path = new URL(incoming.url ?? '/', 'http://upstream').pathname;
  const bearer = /^Bearer (.+)$/.exec(incoming.headers.authorization ?? '')?.[1];
  return {
    index,
    method: incoming.method ?? 'GET',
    path,
    format: path.endsWith('/messages') ? 'anthropic' : 'openai',
    stream: fields.stream === true,
    model: typeof fields.model === 'string' ? fields.model : undefined,
    key: bearer ?? String(incoming.headers['x-api-key'] ?? ''),
    body,
  };
}

/** Waits `ms`, or less if `signal` aborts first. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
