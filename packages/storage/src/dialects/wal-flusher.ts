import { open } from 'node:fs/promises';

/**
 * How often the WAL is flushed to disk off the event loop. With `synchronous = NORMAL` SQLite
 * appends commits to the WAL without syncing it, and syncs it in the next checkpoint, which
 * runs inside a commit, on the event loop. After a gateway's 10,000 pages that sync wrote some
 * 40 MiB at once: a checkpoint blocked every request for 35-80 ms. Flushed every 100 ms from
 * libuv's thread pool, the WAL is nearly clean when the checkpoint comes, and its sync has at
 * most the last 100 ms of commits left to write (9-20 ms for the same checkpoint here).
 */
const WAL_FLUSH_INTERVAL_MS = 100;

/**
 * Flushes `walPath` to disk every `intervalMs` until the returned function is called. A missing
 * WAL (not yet created, or removed by the last connection's close) is skipped. Closing this
 * descriptor releases no lock of SQLite's: in WAL mode SQLite locks the database file and the
 * `-shm` file, never the WAL.
 */
export function flushWalInBackground(
  walPath: string,
  intervalMs = WAL_FLUSH_INTERVAL_MS,
): () => void {
  let flushing = false;
  const flush = async () => {
    // A slow disk must not pile flushes up.
    if (flushing) return;
    flushing = true;
    try {
      const wal = await open(walPath, 'r+');
      try {
        await wal.datasync();
      } finally {
        await wal.close();
      }
    } catch {
      // Nothing is lost by a flush that did not happen: the checkpoint still syncs the WAL
      // before it copies a page, as it always has. This only does that work ahead of time.
    } finally {
      flushing = false;
    }
  };
  const timer = setInterval(() => void flush(), intervalMs);
  // The flusher alone must not keep the process alive.
  timer.unref();
  return () => clearInterval(timer);
}
