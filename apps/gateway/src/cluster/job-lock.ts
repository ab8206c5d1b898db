import type { Logger } from '../log/create-logger';
import { openRedis } from './redis-client';

/** Decides which instance runs a periodic background job this round. */
export interface JobLock {
  /** True for exactly one caller per `name` until `ttlMs` has passed. */
  claim(name: string, ttlMs: number): Promise<boolean>;
  close(): Promise<void>;
}

/** A single instance runs every job. */
export const soleInstanceLock: JobLock = {
  claim: async () => true,
  close: async () => {},
};

/**
 * Several instances: the first to `SET NX PX` a job's key runs it; the key expires when the
 * next round is due, so a crashed holder blocks nobody for longer than one interval. When
 * Redis does not answer, no instance claims: a job skipped for a round is harmless, the
 * same job run by every instance at once is not (log retention would race itself).
 */
export function createRedisJobLock(options: {
  readonly url: string;
  readonly keyPrefix: string;
  readonly logger: Logger;
}): JobLock {
  // A claim that gets no answer (a dropped route) counts as not claimed, rather than
  // stacking one pending claim per round until Redis is back.
  const redis = openRedis(options.url, {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    commandTimeout: 1_000,
  });
  redis.on('error', (error) =>
    options.logger.warn({ err: String(error) }, 'job lock: Redis error'),
  );
  return {
    async claim(name, ttlMs) {
      try {
        const key = `${options.keyPrefix}job:${name}`;
        return (await redis.set(key, String(process.pid), 'PX', ttlMs, 'NX')) === 'OK';
      } catch {
        return false;
      }
    },
    async close() {
      redis.disconnect();
    },
  };
}

/**
 * Runs `job` every `intervalMs` on whichever instance claims the round. Returns a stop
 * function. A round that throws is logged and the schedule goes on.
 */
export function scheduleExclusiveJob(options: {
  readonly name: string;
  readonly intervalMs: number;
  readonly lock: JobLock;
  readonly logger: Logger;
  readonly job: () => Promise<unknown>;
}): () => void {
  const { name, intervalMs, lock, logger } = options;
  const round = async () => {
    // Slightly shorter than the interval, so the next round's claim is not refused by a key
    // that is about to expire.
    if (!(await lock.claim(name, Math.max(1, intervalMs - 250)))) return;
    try {
      await options.job();
    } catch (error) {
      logger.error({ job: name, err: String(error) }, 'background job failed');
    }
  };
  const timer = setInterval(() => void round(), intervalMs);
  timer.unref();
  void round();
  return () => clearInterval(timer);
}
