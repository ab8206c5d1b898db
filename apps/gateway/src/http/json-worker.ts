import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { yieldToEventLoop } from '@oneapi/adapters';
import { checkJsonShape, type JsonShapeLimits } from '../limits/json-breadth';
import { applyJsonFrame, type JsonFrame, splitJsonIntoFrames } from './json-frames';

/**
 * Most values in one frame of a value handed between the event loop's thread and the worker
 * (one turn of the loop each; json-frames.ts): 8,192 values cost the loop's thread 2-5 ms to
 * receive or to send.
 */
const FRAME_VALUES = 8_192;

/**
 * The worker's whole program: every step of a large body that reads all of it, so that none
 * runs on the event loop's thread. A request body: the UTF-8 check, the depth and breadth caps
 * (the scanner's own source, which is why it is self-contained), decoding and `JSON.parse`;
 * at 20 MiB the checks cost 10-130 ms and decoding and parsing 60-200 on the development
 * machine. An upstream body: `JSON.stringify` and the UTF-8 encoding, 40-55 ms and 20-60 for
 * 20 MiB of text. Values cross in frames both ways, one per turn of the loop. A
 * source string run with `eval`, not a file: the gateway also runs from its TypeScript sources
 * (vitest) and as one bundled file (the single executable), and a worker file exists in
 * neither. `__name` is the helper a transpiler's keep-names mode calls inside functions.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { isUtf8 } = require('node:buffer');
const __name = (target) => target;
${checkJsonShape}
${splitJsonIntoFrames}
${applyJsonFrame}
const utf8 = new TextDecoder('utf-8', { fatal: true });
function checkAndParse(bytes, limits) {
  if (!isUtf8(bytes)) return { refusal: 'not-utf8' };
  const misshapen = ${checkJsonShape.name}(bytes, limits);
  if (misshapen) return misshapen;
  try {
    return { json: JSON.parse(utf8.decode(bytes)) };
  } catch {
    return { refusal: 'not-json' };
  }
}
const encoder = new TextEncoder();
// Parsed bodies whose frames are not all sent yet, by the id of the body's request: the
// frames still to come and the next one, looked at to tell whether it is the last.
const unsent = new Map();
const sendFrame = (id, framesOf, extra, transfer) => {
  const sending = unsent.get(framesOf);
  const frame = sending.next.value;
  sending.next = sending.frames.next();
  if (sending.next.done) unsent.delete(framesOf);
  parentPort.postMessage({ id, frame, more: !sending.next.done, ...extra }, transfer);
};
// Upstream bodies whose frames are still arriving, by id.
const building = new Map();
parentPort.on('message', ({ id, bytes, limits, framesOf, encodeFrame, more }) => {
  if (framesOf !== undefined) return sendFrame(id, framesOf, {}, []);
  if (encodeFrame !== undefined) {
    const value = ${applyJsonFrame.name}(building.get(id), encodeFrame);
    if (more) return building.set(id, value);
    building.delete(id);
    const encoded = encoder.encode(JSON.stringify(value));
    return parentPort.postMessage({ id, bytes: encoded }, [encoded.buffer]);
  }
  // A transferred buffer goes back the same way; a copied one is dropped here.
  const { json, ...refused } = checkAndParse(bytes, limits);
  if (refused.refusal !== undefined)
    return parentPort.postMessage({ id, ...refused, bytes }, [bytes.buffer]);
  const frames = ${splitJsonIntoFrames.name}(json, ${FRAME_VALUES});
  unsent.set(id, { frames, next: frames.next() });
  sendFrame(id, id, { bytes }, [bytes.buffer]);
});
`;

/** A worker with nothing to do is ended after this long; the next large body starts one again. */
const IDLE_MS = 30_000;

/** Why the worker refuses a body: what `parseJsonBytes` checks on its own thread for a small one. */
export type JsonRefusal =
  | { readonly refusal: 'not-utf8' | 'too-deep' | 'not-json' }
  | { readonly refusal: 'too-broad'; readonly detail: string };

/** What the worker answers: the parsed value and the bytes, or why the body is refused. */
export type OffThreadParse = { ok: true; json: unknown; bytes: Uint8Array } | JsonRefusal;

interface WorkerAnswer {
  readonly id: number;
  readonly refusal?: JsonRefusal['refusal'];
  readonly detail?: string;
  /** A frame of the parsed body, and whether more follow (asked for one at a time). */
  readonly frame?: JsonFrame;
  readonly more?: boolean;
  readonly bytes: Uint8Array;
}

interface Pending {
  resolve(answer: WorkerAnswer): void;
  reject(error: Error): void;
}

interface PoolWorker {
  readonly worker: Worker;
  readonly pending: Map<number, Pending>;
  idleTimer: NodeJS.Timeout | undefined;
}

// One core stays the event loop's; two workers at most, since a body is parsed in milliseconds
// and what waits for a worker is only another large body.
const POOL_SIZE = Math.max(1, Math.min(2, availableParallelism() - 1));
const workers: PoolWorker[] = [];
let nextId = 0;

/**
 * `bytes` checked (UTF-8, the breadth and depth caps of `limits`) and parsed as JSON in a
 * worker thread, so that a large body does not hold the event loop. The parsed value comes
 * back by structured clone in frames of at most FRAME_VALUES values, one per turn of the
 * loop, each asked for when the last is in: receiving costs this thread 0.5-1.7 ms per MB of
 * body and about 0.3 µs per value, where checking, decoding and parsing here cost 7-20 ms
 * per MB. With `transfer`, the bytes' buffer moves to the worker and back (`bytes` is
 * unusable meanwhile: use the bytes returned); otherwise it is copied, a memcpy.
 */
export async function parseJsonOffThread(
  bytes: Uint8Array,
  limits: JsonShapeLimits,
  transfer: boolean,
): Promise<OffThreadParse> {
  const target = leastBusyWorker();
  const answer = await askWorker(
    target,
    { bytes, limits },
    transfer ? [bytes.buffer as ArrayBuffer] : [],
  );
  if (answer.refusal !== undefined)
    return answer.refusal === 'too-broad'
      ? { refusal: 'too-broad', detail: answer.detail ?? '' }
      : { refusal: answer.refusal };
  let json = applyJsonFrame(undefined, answer.frame ?? []);
  for (let more = answer.more; more; ) {
    // Asked on a turn of its own: the frames of concurrent bodies come in turn by turn.
    await yieldToEventLoop();
    const next = await askWorker(target, { framesOf: answer.id }, []);
    json = applyJsonFrame(json, next.frame ?? []);
    more = next.more;
  }
  return { ok: true, json, bytes: transfer ? answer.bytes : bytes };
}

/**
 * `JSON.stringify(value)` as UTF-8, encoded in a worker thread: this thread only hands the
 * value over, in frames of FRAME_VALUES values, one per turn of the loop (in one structured
 * clone, 50,000 chat turns built for Anthropic held the loop 40-180 ms), where stringifying
 * and encoding 20 MiB of text here cost 60-110 ms. For plain JSON data (what a request body
 * parses to and the adapters build from it): a frame keeps what `JSON.stringify` reads of it.
 */
export async function encodeJsonOffThread(value: object): Promise<Uint8Array> {
  const target = leastBusyWorker();
  const { id, answer } = expectAnswer(target);
  const frames = splitJsonIntoFrames(value, FRAME_VALUES);
  for (let next = frames.next(); !next.done; ) {
    const frame = next.value;
    next = frames.next();
    target.worker.postMessage({ id, encodeFrame: frame, more: !next.done });
    if (!next.done) await yieldToEventLoop();
  }
  return (await answer).bytes;
}

function askWorker(
  target: PoolWorker,
  job: object,
  transfer: ArrayBuffer[],
): Promise<WorkerAnswer> {
  const { id, answer } = expectAnswer(target);
  target.worker.postMessage({ id, ...job }, transfer);
  return answer;
}

/** A new request id on `target`, and the promise of the worker's answer to it. */
function expectAnswer(target: PoolWorker): { id: number; answer: Promise<WorkerAnswer> } {
  const id = nextId++;
  // A worker that died between two frames of one body has lost the rest.
  if (!workers.includes(target))
    return { id, answer: Promise.reject(new Error('The JSON worker has exited')) };
  const answer = new Promise<WorkerAnswer>((resolve, reject) => {
    target.pending.set(id, { resolve, reject });
    clearTimeout(target.idleTimer);
    target.worker.ref();
  });
  return { id, answer };
}

function leastBusyWorker(): PoolWorker {
  const idle = workers.find((each) => each.pending.size === 0);
  if (idle) return idle;
  if (workers.length < POOL_SIZE) return startWorker();
  return workers.reduce((best, each) => (each.pending.size < best.pending.size ? each : best));
}

function startWorker(): PoolWorker {
  const worker = new Worker(WORKER_SOURCE, { eval: true });
  const entry: PoolWorker = { worker, pending: new Map(), idleTimer: undefined };
  workers.push(entry);
  worker.on('message', (answer: WorkerAnswer) => {
    const waiting = entry.pending.get(answer.id);
    entry.pending.delete(answer.id);
    waiting?.resolve(answer);
    if (entry.pending.size > 0) return;
    // Idle: it no longer keeps the process alive, and it ends if nothing comes.
    worker.unref();
    entry.idleTimer = setTimeout(() => retire(entry), IDLE_MS).unref();
  });
  // A worker that dies (out of memory on a huge value) fails what it held, and is replaced
  // by the next call.
  const fail = (error: Error) => {
    retire(entry);
    for (const waiting of entry.pending.values()) waiting.reject(error);
    entry.pending.clear();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`The JSON worker exited with code ${code}`)));
  return entry;
}

function retire(entry: PoolWorker): void {
  clearTimeout(entry.idleTimer);
  const index = workers.indexOf(entry);
  if (index === -1) return;
  workers.splice(index, 1);
  void entry.worker.terminate();
}
