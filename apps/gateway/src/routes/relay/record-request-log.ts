import type { NewLogEntry, Storage } from '@oneapi/storage';

/**
 * Writes the log row of a relay request that was not settled (it failed before any output;
 * settled requests are logged by the ledger in the settlement transaction). A failed write
 * is reported, never thrown: the caller already has its answer.
 */
export async function recordRequestLog(storage: Storage, entry: NewLogEntry): Promise<void> {
  try {
    await storage.repositories.logs.insertMany([entry]);
  } catch (error) {
    console.error(JSON.stringify({ level: 'error', msg: 'log write failed', err: String(error) }));
  }
}
