import { open } from 'node:fs/promises';

/**
 * How often the WAL is flushed to disk off the event loop. With `synchronous = NORMAL` SQLite
 * appends commits to the WAL without syncing it, and syncs it in the next checkpoint, which
 * runs inside a commit, on the event loop. After a gateway's 10,000 pages that sync wrote some
 * 40 MiB at once: a checkpoint blocked every request for 35-80 ms. Flushed every 100 ms from
 * libuv's thread pool, the WAL is nearly clean when the checkpoint comes, and its sync has
 * only the commits since the last flush left to write (9-20 ms for the same checkpoint here).
 */
const WAL_FLUSH_INTERVAL_MS = 100;

/**
 * Flushes `walPath` to disk every `intervalMs`, when it has changed since the last flush,
 * until the returned function is called; that function resolves once a flush under way has
 * ended. A missing WAL (not yet created, or removed by the last connection's close) is
 * skipped, and none is created. Closing this descriptor releases no lock of SQLite's: in WAL
 * mode SQLite locks the database file and the `-shm` file, never the WAL.
 */
export function flushWalInBackground(
  walPath: string,
  intervalMs = WAL_FLUSH_INTERVAL_MS,
): () => Promise<void> {
  let flushing: Promise<void> | undefined;
  let flushedVersion = '';
  const flush = async () => {
    try {
      const wal = await open(walPath, 'r+');
      try {
        const { size, mtimeMs } = await wal.stat();
        const version = `${size}:${mtimeMs}`;
        if (version === flushedVersion) return;
        await wal.datasync();
        flushedVersion = version;
      } finally {
        await wal.close();
      }
    } catch {
      // Nothing is lost by a flush that did not happen: the checkpoint still syncs the WAL
      // before it copies a page, as it always has. This only does that work ahead of time.
    }
  };
  const timer = setInterval(() => {
    // A slow disk must not pile flushes up.
    flushing ??= flush().finally(() => {
      flushing = undefined;
    });
  }, intervalMs);
  // The flusher alone must not keep the process alive.
  timer.unref();
  return async () => {
    clearInterval(timer);
    await flushing;
  };
}

/**
 * Whether to flush at all here. On macOS libuv makes `datasync` an `F_FULLFSYNC`, which
 * flushes the whole drive's cache, where SQLite's own sync (without `fullfsync`) does not:
 * ten of those a second would cost the machine more than a checkpoint's pause.
 */
export const flushesWal = process.platform !== 'darwin';
