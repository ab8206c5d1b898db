import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { InstanceLeasesRepository } from '@oneapi/storage';
import type { Logger } from '../log/create-logger';

/** This gateway run's lease in the database (docs/decisions/0004-instance-leases.md). */
export interface InstanceLease {
  /** The id every new reservation records; it changes only if the lease was taken. */
  id(): string;
  /**
   * False once a lease's length has passed since the start of the last renewal that
   * succeeded: the database may already take this run for dead (a stall, a lost database),
   * so it must not open holds until a renewal succeeds again.
   */
  held(): boolean;
  /** Stops renewing and deletes the lease (a clean shutdown: nothing of it is left open). */
  stop(): Promise<void>;
}

/**
 * Registers a fresh lease for this run (before the gateway serves) and renews it every
 * third of `leaseMs`, so two renewals can fail before it lapses. If a renewal finds the
 * row gone, another instance took this one for dead (a stall longer than the lease) and has
 * recovered its holds: the run goes on under a new lease, so the holds it opens from then
 * on are judged by a live lease again.
 */
export async function startInstanceLease(options: {
  readonly leases: Pick<InstanceLeasesRepository, 'register' | 'renew' | 'remove'>;
  readonly leaseMs: number;
  readonly logger: Logger;
}): Promise<InstanceLease> {
  const { leases, leaseMs, logger } = options;
  const details = { host: hostname().slice(0, 255), pid: process.pid };
  let id = randomUUID();
  // Taken before each renewal is sent: the database sets the lease's end later than this
  // plus leaseMs, so `held` turns false before the database can judge the lease lapsed.
  let renewedAt = performance.now();
  await leases.register({ id, ...details }, leaseMs);

  let renewing = false;
  const renew = async () => {
    if (renewing) return;
    renewing = true;
    const sentAt = performance.now();
    try {
      if (await leases.renew(id, leaseMs)) {
        renewedAt = sentAt;
        return;
      }
      const lost = id;
      const next = randomUUID();
      // Registered before it is handed out: a hold must never name a lease not yet written.
      await leases.register({ id: next, ...details }, leaseMs);
      id = next;
      renewedAt = sentAt;
      logger.error(
        { lost, id },
        'instance lease was taken for dead (stalled longer than INSTANCE_LEASE_TIMEOUT): requests in flight were released by another instance; continuing under a new lease',
      );
    } catch (error) {
      logger.warn({ err: String(error) }, 'instance lease: renewal failed');
    } finally {
      renewing = false;
    }
  };
  const timer = setInterval(() => void renew(), Math.max(100, Math.floor(leaseMs / 3)));
  timer.unref();

  return {
    id: () => id,
    held: () => performance.now() - renewedAt < leaseMs,
    async stop() {
      clearInterval(timer);
      await leases.remove(id).catch(() => false);
    },
  };
}
