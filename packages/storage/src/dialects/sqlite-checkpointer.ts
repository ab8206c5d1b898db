import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';

/** How often the checkpointer copies the WAL into the database file. */
const CHECKPOINT_INTERVAL_MS = 50;

/**
 * The checkpointer's own thread: a second connection to the same file that runs passive
 * checkpoints, which copy committed WAL frames into the database file and fsync it without
 * ever blocking the writer. Plain JavaScript, evaluated as the worker's script, so it needs
 * no file of its own next to whatever bundle this module ends up in.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driverPath);
const options = workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {};
const database = new Database(workerData.path, options);
const checkpoint = () => {
  try {
    database.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    // Another connection's checkpoint is running: this one is simply not needed now.
    if (!/^SQLITE_(BUSY|LOCKED)/.test(String(error.code))) throw error;
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  checkpoint();
  database.close();
  parentPort.close();
});
parentPort.postMessage('ready');
`;

/** When the writer's commits start the checkpointer, and how it stops. */
export interface CheckpointControl {
  afterCommit(): void;
  stop(): Promise<void>;
}

/** SQLite's default: the writer checkpoints once the WAL holds this many frames. */
const AUTOCHECKPOINT_FRAMES = 1_000;
/**
 * The WAL size (half of SQLite's automatic checkpoint, at 4 KiB pages) at which the writes
 * are sustained enough to be worth a thread. Until then SQLite checkpoints as it always
 * does, so an idle or lightly used gateway does not carry the thread's ~15 MiB.
 */
const BUSY_WAL_BYTES = 2 * 1024 * 1024;
const COMMITS_BETWEEN_LOOKS = 16;

/**
 * The checkpointer for a file database, started by the first commit after which the WAL
 * has passed `BUSY_WAL_BYTES` (looked at every `COMMITS_BETWEEN_LOOKS` commits: a stat is
 * a system call). From then on the writer's own automatic checkpoints are off.
 */
export function checkpointOffTheEventLoopOnceBusy(
  database: BetterSqlite3.Database,
  path: string,
  nativeBinding: string | undefined,
): CheckpointControl {
  // An in-memory or temporary database has no file for a second connection to open.
  if (path === ':memory:' || path === '') return { afterCommit() {}, async stop() {} };
  let starting: Promise<SqliteCheckpointer | null> | null = null;
  let commits = 0;
  const restoreAutocheckpoint = () => {
    if (database.open) database.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_FRAMES}`);
  };
  return {
    afterCommit() {
      if (starting || ++commits % COMMITS_BETWEEN_LOOKS !== 0) return;
      if ((statSync(`${path}-wal`, { throwIfNoEntry: false })?.size ?? 0) < BUSY_WAL_BYTES) return;
      starting = startSqliteCheckpointer(path, nativeBinding, restoreAutocheckpoint).then(
        (checkpointer) => {
          if (checkpointer && database.open) database.pragma('wal_autocheckpoint = 0');
          return checkpointer;
        },
      );
    },
    async stop() {
      await (await starting)?.stop();
    },
  };
}

/** The running checkpointer: `stop` ends it after a last checkpoint. */
export interface SqliteCheckpointer {
  stop(): Promise<void>;
}

/**
 * Moves SQLite's WAL checkpoints off the event loop. In WAL mode with synchronous=NORMAL a
 * commit only appends to the WAL; the fsyncs happen when a checkpoint copies the WAL back
 * into the database file, and SQLite runs that automatically inside whichever COMMIT crosses
 * 1,000 frames, on the thread that committed. On the gateway that is the event loop, so
 * every few dozen commits one request's settlement stalls every other request for the copy
 * and two fsyncs. Here the writer's automatic checkpoints are turned off and a worker thread
 * runs them instead, on its own connection.
 *
 * Resolves to null when the worker cannot start (a bundle where the driver cannot be
 * resolved from here, say); `onLost` runs when a started worker dies. In both cases the
 * caller turns automatic checkpoints back on, so the WAL never grows without bound.
 */
export async function startSqliteCheckpointer(
  path: string,
  nativeBinding: string | undefined,
  onLost: () => void,
): Promise<SqliteCheckpointer | null> {
  let driverPath: string;
  try {
    driverPath = createRequire(import.meta.url).resolve('better-sqlite3');
  } catch {
    return null;
  }
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { path, nativeBinding, driverPath, intervalMs: CHECKPOINT_INTERVAL_MS },
    // A connection and a timer: a small heap is plenty, and keeps the gateway's RSS down.
    resourceLimits: { maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 2 },
  });
  const started = await new Promise<boolean>((resolve) => {
    worker.once('message', () => resolve(true));
    worker.once('error', () => resolve(false));
    worker.once('exit', () => resolve(false));
  });
  if (!started) {
    await worker.terminate();
    return null;
  }
  let stopping = false;
  worker.on('error', () => {});
  worker.once('exit', () => {
    if (!stopping) onLost();
  });
  // The thread never keeps a process alive that has nothing else to do.
  worker.unref();
  return {
    async stop() {
      if (stopping) return;
      stopping = true;
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      // Held while it finishes, or a process waiting on nothing else would exit first.
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  };
}
