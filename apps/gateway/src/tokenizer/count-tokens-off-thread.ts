import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { TokenCounter } from '@oneapi/adapters';

/**
 * The worker's whole program: the adapters' own count (`countTokensInThisThread`, from the
 * `@oneapi/adapters/tokenizer` entry, which loads nothing but the tokenizer), so that counts are
 * the same as in the event loop's thread. The o200k vocabulary (about 60 MB, half a second to
 * load) is loaded here on the first count and freed with the worker. A source string run with
 * `eval`, not a file, for the reason json-worker.ts gives: the gateway also runs from its
 * TypeScript sources (vitest), where no worker file is built.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const counting = import(workerData.tokenizer).then((module) => module.countTokensInThisThread);
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

let running: TokenWorker | undefined;
let nextId = 0;

/**
 * A counter for `useTokenCounter` that counts in a worker thread, started on the first count
 * and ended when idle, so that the vocabulary is resident only while it is used. Undefined
 * where the tokenizer entry is not on disk (the single executable, one bundled file): counts
 * stay in this thread there.
 */
export function offThreadTokenCounter(): TokenCounter | undefined {
  const tokenizer = resolveTokenizerEntry();
  if (tokenizer === undefined) return undefined;
  return (texts) => countInWorker(tokenizer, texts);
}

/** Whether a token worker is running now: none until the first count, none once idle. */
export function isTokenWorkerRunning(): boolean {
  return running !== undefined;
}

function resolveTokenizerEntry(): string | undefined {
  try {
    return pathToFileURL(createRequire(import.meta.url).resolve('@oneapi/adapters/tokenizer')).href;
  } catch {
    return undefined;
  }
}

function countInWorker(tokenizer: string, texts: readonly string[]): Promise<number> {
  const target = running ?? startWorker(tokenizer);
  const id = nextId++;
  return new Promise<number>((resolve, reject) => {
    target.pending.set(id, { resolve, reject });
    clearTimeout(target.idleTimer);
    target.worker.ref();
    // The texts are copied (structured clone, a memcpy per string): 20 MiB of prompt costs
    // this thread a few milliseconds, where tokenizing it here would cost seconds.
    target.worker.postMessage({ id, texts });
  });
}

function startWorker(tokenizer: string): TokenWorker {
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { tokenizer } });
  const entry: TokenWorker = { worker, pending: new Map(), idleTimer: undefined };
  running = entry;
  worker.on('message', ({ id, tokens, error }: WorkerAnswer) => {
    const waiting = entry.pending.get(id);
    entry.pending.delete(id);
    if (error !== undefined) waiting?.reject(new Error(`Token count failed: ${error}`));
    else waiting?.resolve(tokens ?? 0);
    if (entry.pending.size > 0) return;
    // Idle: it no longer keeps the process alive, and it ends if nothing comes.
    worker.unref();
    entry.idleTimer = setTimeout(() => retire(entry), IDLE_MS).unref();
  });
  // A worker that dies fails what it held; the next count starts another.
  const fail = (error: Error) => {
    retire(entry);
    for (const waiting of entry.pending.values()) waiting.reject(error);
    entry.pending.clear();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`The token worker exited with code ${code}`)));
  return entry;
}

function retire(entry: TokenWorker): void {
  clearTimeout(entry.idleTimer);
  if (running !== entry) return;
  running = undefined;
  void entry.worker.terminate();
}
