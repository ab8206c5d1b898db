import type { Logger } from '../log/create-logger';
import type { JobLock } from './job-lock';
import { openRedis } from './redis-client';

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
