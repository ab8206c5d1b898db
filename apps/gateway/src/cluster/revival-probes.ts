import type { RevivalClaim } from '@oneapi/router';
import type { GatewayServices } from '../compose';

/**
 * Brings retired keys and auto-disabled channels back without an admin: every instance walks
 * its own health records a few times per probe delay (key retirement is per instance), and
 * for each probe that is due claims that key's round through the job lock, so that of
 * several instances one sends the probe. A pass re-enables an auto-disabled channel in the
 * database, which the change bus tells the other instances. Returns a stop.
 */
export function scheduleRevivalProbes(services: GatewayServices): () => void {
  const { initialDelayMs } = services.config.channelProbe;
  // Checked often enough that a probe is at most a twelfth of the first delay late (5 s at
  // the default minute); no upstream call is made before a probe is due.
  const tickMs = Math.min(5_000, Math.max(50, Math.round(initialDelayMs / 12)));
  const claim: RevivalClaim = (target, ttlMs) =>
    services.jobLock.claim(
      `revival-probe:${target.channelId}:${target.keyIndex}`,
      // A little under the wait, so this round's claim has expired when the next is due.
      Math.max(1, Math.floor(ttlMs * 0.9)),
    );
  let running = false;
  const pass = async () => {
    if (running) return;
    running = true;
    try {
      const results = await services.router.probeRetired(claim);
      for (const result of results)
        services.logger.info(
          {
            channelId: result.channelId,
            keyIndex: result.keyIndex,
            ok: result.ok,
            ...(result.errorCode && { errorCode: result.errorCode }),
          },
          result.ok ? 'retired key probe passed: back in rotation' : 'retired key probe failed',
        );
    } catch (error) {
      services.logger.error({ err: String(error) }, 'retired key probes failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void pass(), tickMs);
  timer.unref();
  return () => clearInterval(timer);
}
