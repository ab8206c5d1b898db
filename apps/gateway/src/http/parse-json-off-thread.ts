import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/**
 * The worker's whole program: decode UTF-8 and `JSON.parse`, the two steps of a body that cost
 * several ms per MB (2.8-7 and 1-3.4 on the development machine). A source string run with
 * `eval`, not a file: the gateway also runs from its TypeScript sources (vitest) and as one
 * bundled file (the single executable), and a worker file exists in neither.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const utf8 = new TextDecoder('utf-8', { fatal: true });
parentPort.on('message', ({ id, bytes }) => {
  let json;
  let ok = true;
  try {
    json = JSON.parse(utf8.decode(bytes));
  } catch {
    ok = false;
  }
  // A transferred buffer goes back the same way; a copied one is dropped here.
  parentPort.postMessage({ id, ok, json, bytes }, [bytes.buffer]);
});
`;

/** A worker with nothing to do is ended after this long; the next large body starts one again. */
const IDLE_MS = 30_000;

/** What the worker answers: the parsed value, or that the text is not JSON; and the bytes. */
export type OffThreadParse = { ok: true; json: unknown; bytes: Uint8Array } | { ok: false };

interface WorkerAnswer {
  readonly id: number;
  readonly ok: boolean;
  readonly json?: unknown;
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
 * `JSON.parse` of UTF-8 `bytes` in a worker thread, so that a large body does not hold the event
 * loop: the parsed value comes back by structured clone, which costs this thread 0.5-1.7 ms
 * per MB of body where decoding and parsing here cost 4-10. With `transfer`, the bytes' buffer
 * moves to the worker and back (`bytes` is unusable meanwhile: use the bytes returned);
 * otherwise it is copied, a memcpy. The caller has checked the bytes are UTF-8 and the JSON's
 * depth and breadth: a value that comes back is within both.
 */
export function parseJsonOffThread(bytes: Uint8Array, transfer: boolean): Promise<OffThreadParse> {
  const target = leastBusyWorker();
  const id = nextId++;
  return new Promise<OffThreadParse>((resolve, reject) => {
    target.pending.set(id, {
      resolve: (answer) =>
        resolve(
          answer.ok
            ? { ok: true, json: answer.json, bytes: transfer ? answer.bytes : bytes }
            : { ok: false },
        ),
      reject,
    });
    clearTimeout(target.idleTimer);
    target.worker.ref();
    target.worker.postMessage({ id, bytes }, transfer ? [bytes.buffer as ArrayBuffer] : []);
  });
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
