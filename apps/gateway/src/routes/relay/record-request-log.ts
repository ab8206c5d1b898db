import type { NewLogEntry } from '@oneapi/storage';
import type { GatewayServices } from '../../compose';

/**
 * Writes the log row of a relay request that was not settled (it failed before any output;
 * settled requests are logged by the ledger in the settlement transaction). A failed write
 * is reported, never thrown: the caller already has its answer.
 */
export async function recordRequestLog(
  services: GatewayServices,
  entry: NewLogEntry,
): Promise<void> {
  try {
    await services.storage.repositories.logs.insertMany([entry]);
  } catch (error) {
    services.logger.error({ err: String(error), requestId: entry.requestId }, 'log write failed');
  }
}
