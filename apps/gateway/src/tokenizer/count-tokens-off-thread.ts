import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { countTokensInThisThread, type TokenCounter, yieldToEventLoop } from '@oneapi/adapters';
import { seaTokenizerEntry } from '../distribution/sea-resources';

/**
 * The worker's whole program: the adapters' own count (`countTokensInThisThread`, from the
 * `@oneapi/adapters/tokenizer` entry, which loads nothing but the tokenizer), so that counts are
 * the same as in the event loop's thread. The o200k vocabulary (about 60 MB, half a second to
 * load) is loaded here on the first count and freed with the worker. A source string run with
 * `eval`, not a file, for the reason json-worker.ts gives: the gateway also runs from its
 * TypeScript sources (vitest), where no worker file is built. The tokenizer itself is a file:
 * the package's entry, or in the single executable a bundle of it unpacked to the cache.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { pathToFileURL } = require('node:url');
// The package's entry is ESM; the single executable's copy is one CommonJS file.
const counting = (
  workerData.tokenizer.endsWith('.cjs')
    ? Promise.resolve().then(() => require(workerData.tokenizer))
    : import(pathToFileURL(workerData.tokenizer).href)
).then((module) => module.countTokensInThisThread);
parentPort.on('message', ({ id, texts }) => {
  counting.then((count) => count(texts)).then(
    (tokens) => parentPort.postMessage({ id, tokens }),
    (error) => parentPort.postMessage({ id, error: String((error && error.stack) || error) }),
  );
});
`;

/**
 * A worker with nothing to count is ended after this long, and its vocabulary with it: counts
 * come in bursts (count_tokens calls, streams without usage), and the next one starts a
 * worker again (the load, half a second, runs there, not on the event loop).
 */
const IDLE_MS = 30_000;

interface WorkerAnswer {
  readonly id: number;
  readonly tokens?: number;
  readonly error?: string;
}

interface Pending {
  resolve(tokens: number): void;
  reject(error: Error): void;
}

interface TokenWorker {
  readonly worker: Worker;
  readonly pending: Map<number, Pending>;
  idleTimer: NodeJS.Timeout | undefined;
}

/** Where one counter's worker lives: none until its first count, none once idle. */
interface WorkerSlot {
  readonly tokenizer: string;
  current: TokenWorker | undefined;
}

/** Every counter's running worker (one in the gateway; tests make several gateways). */
const runningWorkers = new Set<TokenWorker>();
let nextId = 0;

/**
 * A counter for `useTokenCounter` that counts in a worker thread, started on the first count
 * and ended when idle, so that the vocabulary is resident only while it is used; the worker
 * loads `tokenizer` (a file: the package's entry by default). Undefined
 * if the tokenizer's file cannot be found (a bundle without it): counts stay in this thread.
 */
export function offThreadTokenCounter(
  tokenizer = resolveTokenizerEntry(),
): TokenCounter | undefined {
  if (tokenizer === undefined) return undefined;
  const slot: WorkerSlot = { tokenizer, current: undefined };
  // A count settles a stream that reported no usage, so it must not fail: if the worker
  // cannot count (it died, or its file is gone), this thread counts, vocabulary and all.
  return (texts) => countInWorker(slot, texts).catch(() => countTokensInThisThread(texts));
}

/** Whether a token worker is running now: none until the first count, none once idle. */
export function isTokenWorkerRunning(): boolean {
  return runningWorkers.size > 0;
}

/** The file the worker loads: the single executable's unpacked copy, or the package's entry. */
function resolveTokenizerEntry(): string | undefined {
  try {
    return (
      seaTokenizerEntry() ?? createRequire(import.meta.url).resolve('@oneapi/adapters/tokenizer')
    );
  } catch {
    return undefined;
  }
}

/**
 * Most texts in one message to the worker. Posting copies them on this thread (structured
 * clone): 300,000 short embeddings inputs in one message held it 70 ms on the development
 * machine, 4,096 of them 0.2 ms; the loop turns between two messages.
 */
const TEXTS_PER_MESSAGE = 4_096;

async function countInWorker(slot: WorkerSlot, texts: readonly string[]): Promise<number> {
  if (texts.length <= TEXTS_PER_MESSAGE) return askWorker(slot, texts);
  const counts: Promise<number>[] = [];
  for (let start = 0; start < texts.length; start += TEXTS_PER_MESSAGE) {
    if (start > 0) await yieldToEventLoop();
    counts.push(askWorker(slot, texts.slice(start, start + TEXTS_PER_MESSAGE)));
  }
  let total = 0;
  for (const count of await Promise.all(counts)) total += count;
  return total;
}

function askWorker(slot: WorkerSlot, texts: readonly string[]): Promise<number> {
  const target = slot.current ?? startWorker(slot);
  const id = nextId++;
  return new Promise<number>((resolve, reject) => {
    target.pending.set(id, { resolve, reject });
    clearTimeout(target.idleTimer);
    target.worker.ref();
    // A long text goes whole: copying 20 MiB of it held this thread 38 ms on the development
    // machine (within the ~50 ms a step the routes keep to), where counting it here took
    // seconds of slices and the vocabulary.
    target.worker.postMessage({ id, texts });
  });
}

function startWorker(slot: WorkerSlot): TokenWorker {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { tokenizer: slot.tokenizer },
  });
  const entry: TokenWorker = { worker, pending: new Map(), idleTimer: undefined };
  slot.current = entry;
  runningWorkers.add(entry);
  worker.on('message', ({ id, tokens, error }: WorkerAnswer) => {
    const waiting = entry.pending.get(id);
    entry.pending.delete(id);
    if (error !== undefined) waiting?.reject(new Error(`Token count failed: ${error}`));
    else waiting?.resolve(tokens ?? 0);
    if (entry.pending.size > 0) return;
    // Idle: it no longer keeps the process alive, and it ends if nothing comes.
    worker.unref();
    entry.idleTimer = setTimeout(() => retire(slot, entry), IDLE_MS).unref();
  });
  // A worker that dies fails what it held; the next count starts another.
  const fail = (error: Error) => {
    retire(slot, entry);
    for (const waiting of entry.pending.values()) waiting.reject(error);
    entry.pending.clear();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`The token worker exited with code ${code}`)));
  return entry;
}

function retire(slot: WorkerSlot, entry: TokenWorker): void {
  clearTimeout(entry.idleTimer);
  if (slot.current !== entry) return;
  slot.current = undefined;
  runningWorkers.delete(entry);
  void entry.worker.terminate();
}
