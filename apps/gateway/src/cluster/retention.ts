import { yieldToEventLoop } from '@oneapi/adapters';
import type { Storage } from '@oneapi/storage';

/**
 * How long a closed reservation is kept: it answers a second settlement of its request
 * (`already_closed`) and nothing else reads it, so a day is far more than a retry or a
 * second instance needs.
 */
export const CLOSED_RESERVATION_RETENTION_MS = 86_400_000;

/** Rows per delete: on SQLite each runs on the event loop, so a batch is a short pause. */
const BATCH_SIZE = 1_000;

/**
 * Deletes what has outlived its use: closed reservations older than a day, and request logs
 * older than `logRetentionMs` (0: logs are kept). Batch after batch until one comes back
 * short, with a turn of the event loop between batches so requests go on meanwhile: one
 * batch per run could not keep up with more than a batch's worth of requests per interval.
 */
export async function deleteExpiredRecords(
  repositories: Storage['repositories'],
  options: { readonly now: number; readonly logRetentionMs: number },
): Promise<{ reservations: number; logs: number }> {
  const reservations = await deleteInBatches((size) =>
    repositories.quotaReservations.deleteClosedBefore(
      options.now - CLOSED_RESERVATION_RETENTION_MS,
      size,
    ),
  );
  const logs =
    options.logRetentionMs > 0
      ? await deleteInBatches((size) =>
          repositories.logs.deleteBefore(options.now - options.logRetentionMs, size),
        )
      : 0;
  return { reservations, logs };
}

async function deleteInBatches(deleteBatch: (size: number) => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await deleteBatch(BATCH_SIZE);
    total += deleted;
    if (deleted < BATCH_SIZE) return total;
    await yieldToEventLoop();
  }
}
