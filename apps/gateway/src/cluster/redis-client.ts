import { Redis, type RedisOptions } from 'ioredis';

/** A connection to Redis, as the gateway's cluster code holds it. */
export type RedisClient = Redis;

/**
 * The one place the gateway imports its Redis driver (the change bus, the job lock and the
 * rate-limit counter store open their clients here), so a change of driver or of a default
 * touches one file.
 */
export function openRedis(url: string, options: RedisOptions): RedisClient {
  return new Redis(url, options);
}
