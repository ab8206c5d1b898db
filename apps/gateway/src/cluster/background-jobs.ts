import { checkExpiringKeys } from '../alerts/key-expiry-alert';
import type { GatewayServices } from '../compose';
import { scheduleExclusiveJob } from './job-lock';
import { deleteExpiredRecords } from './retention';
import { scheduleRevivalProbes } from './revival-probes';

/**
 * The periodic work of a running gateway, each job run by one instance per round:
 * reservation recovery (settles or releases what a crashed instance left open: the holds of
 * instances whose lease lapsed, and any older than STALE_RESERVATION_TIMEOUT), channel
 * re-tests (CHANNEL_TEST_FREQUENCY), probes of retired keys (CHANNEL_PROBE_DELAY: every
 * instance walks its own, one probes each key per round), retention (closed reservations
 * after a day, logs after LOG_RETENTION_DAYS) and reminders of keys about to expire.
 * Returns a stop.
 */
export function startBackgroundJobs(services: GatewayServices): () => void {
  const { config, jobLock: lock, logger } = services;
  const stops = [
    scheduleExclusiveJob({
      name: 'reservation-recovery',
      // As often as leases are renewed, so a dead instance's holds are recovered within
      // about 4/3 of INSTANCE_LEASE_TIMEOUT; and at least as often as reservations go
      // stale, so a short STALE_RESERVATION_TIMEOUT is honoured within about its length.
      intervalMs: Math.min(
        60_000,
        config.staleReservationMs,
        Math.max(100, Math.floor(config.instanceLeaseMs / 3)),
      ),
      lock,
      logger,
      job: () => services.ledger.recover(),
    }),
  ];
  stops.push(
    scheduleExclusiveJob({
      name: 'key-expiry-alerts',
      // Hourly: a reminder days ahead needs no finer grain.
      intervalMs: 3_600_000,
      lock,
      logger,
      job: async () => {
        await checkExpiringKeys(services);
        // Rows past any expiry window (365 days at most) are no longer needed for once-only.
        await services.storage.repositories.alertDeliveries.deleteBefore(
          Date.now() - 400 * 86_400_000,
        );
      },
    }),
  );
  if (config.channelTestIntervalMs > 0)
    stops.push(
      scheduleExclusiveJob({
        name: 'channel-test',
        intervalMs: config.channelTestIntervalMs,
        lock,
        logger,
        job: () => services.router.testChannels(),
      }),
    );
  if (config.channelProbe.initialDelayMs > 0) stops.push(scheduleRevivalProbes(services));
  stops.push(
    scheduleExclusiveJob({
      name: 'retention',
      intervalMs: 3_600_000,
      lock,
      logger,
      job: async () => {
        const deleted = await deleteExpiredRecords(services.storage.repositories, {
          now: Date.now(),
          logRetentionMs: config.logRetentionMs,
        });
        if (deleted.reservations + deleted.logs > 0)
          logger.info(deleted, 'closed reservations and old request logs deleted');
      },
    }),
  );
  return () => {
    for (const stop of stops) stop();
  };
}
