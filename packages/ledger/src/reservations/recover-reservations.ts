import type { LedgerMetrics } from '../metrics';
import type { LedgerLogEntry, LedgerReservationRow, LedgerStore } from '../ports';
import { releaseReservation } from './release-reservation';
import { settleReservation } from './settle-reservation';

export interface RecoverReservationsOptions {
  /**
   * Reservations open longer than this are taken to belong to a crashed instance. It must
   * exceed the longest request the gateway allows (its upstream timeout), or a live stream
   * would be released under it and its own settlement would then find it closed.
   */
  readonly staleAfterMs: number;
  /** Reservations handled per pass. Default 100. */
  readonly batchSize?: number;
  readonly metrics: LedgerMetrics;
}

export interface RecoveryReport {
  readonly settled: number;
  readonly released: number;
}

/**
 * Closes reservations left open by a crashed instance. When the log knows the request (a
 * consume entry with its quota, written before the crash), it is settled with that charge
 * without logging it twice; otherwise it is released in full. Safe to run on every
 * instance at once: each reservation closes once.
 */
export async function recoverStaleReservations(
  store: LedgerStore,
  options: RecoverReservationsOptions,
  now = Date.now(),
): Promise<RecoveryReport> {
  const stale = await store.transaction((repositories) =>
    repositories.quotaReservations.listOpenBefore(now - options.staleAfterMs, options.batchSize),
  );
  const report = await closeLeftOpen(store, stale, now);
  countRecovered(options.metrics, report);
  return report;
}

/**
 * Closes the reservations of gateway runs whose lease has lapsed (killed, or cut off from
 * the database for longer than the lease): it takes each lapsed lease (one instance wins
 * it), then settles or releases every open reservation left without a lease, as
 * `recoverStaleReservations` does. A live instance keeps renewing its lease, so its holds
 * are never listed. See docs/decisions/0004-instance-leases.md.
 */
export async function recoverLapsedInstances(
  store: LedgerStore,
  options: Omit<RecoverReservationsOptions, 'staleAfterMs'>,
  now = Date.now(),
): Promise<RecoveryReport> {
  const batchSize = options.batchSize ?? 100;
  const taken = await store.transaction((repositories) =>
    repositories.instanceLeases.takeExpired(batchSize),
  );
  options.metrics.increment('instance_leases_taken', taken.length);
  let settled = 0;
  let released = 0;
  // Batch after batch until none is left; a batch that closes nothing (another instance
  // closing the same rows) ends the pass rather than spinning.
  for (;;) {
    const orphans = await store.transaction((repositories) =>
      repositories.quotaReservations.listOpenOfLapsedInstances(batchSize),
    );
    const report = await closeLeftOpen(store, orphans, now);
    settled += report.settled;
    released += report.released;
    if (orphans.length < batchSize || report.settled + report.released === 0) break;
  }
  const report = { settled, released };
  countRecovered(options.metrics, report);
  return report;
}

function countRecovered(metrics: LedgerMetrics, report: RecoveryReport) {
  metrics.increment('reservations_recovered_settled', report.settled);
  metrics.increment('reservations_recovered_released', report.released);
}

/** Settles each reservation from its consume log when it has one, else releases it. */
async function closeLeftOpen(
  store: LedgerStore,
  reservations: readonly LedgerReservationRow[],
  now: number,
): Promise<RecoveryReport> {
  let settled = 0;
  let released = 0;
  for (const reservation of reservations) {
    const logged = await store.transaction((repositories) =>
      repositories.logs.listByRequestId(reservation.requestId),
    );
    const consumed = logged.filter((entry) => entry.type === 'consume');
    if (consumed.length > 0) {
      const result = await settleFromLog(store, reservation, consumed, now);
      if (result) settled += 1;
    } else {
      const result = await releaseReservation(store, { requestId: reservation.requestId }, now);
      if (result.outcome === 'released') released += 1;
    }
  }
  return { settled, released };
}

async function settleFromLog(
  store: LedgerStore,
  reservation: LedgerReservationRow,
  entries: readonly LedgerLogEntry[],
  now: number,
): Promise<boolean> {
  const sum = (pick: (entry: LedgerLogEntry) => number | undefined) =>
    entries.reduce((total, entry) => total + (pick(entry) ?? 0), 0);
  const first = entries[0]!;
  const result = await settleReservation(
    store,
    {
      requestId: reservation.requestId,
      charged: sum((entry) => entry.quota),
      model: first.model ?? 'unknown',
      channelId: first.channelId ?? null,
      usage: {
        promptTokens: sum((entry) => entry.promptTokens),
        completionTokens: sum((entry) => entry.completionTokens),
        cachedTokens: sum((entry) => entry.cachedTokens),
        estimated: entries.some((entry) => entry.usageEstimated),
      },
      log: false,
    },
    now,
  );
  return result.outcome === 'settled';
}
