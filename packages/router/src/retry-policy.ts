import type { AdapterError } from '@oneapi/adapters';

/**
 * What the failover loop does after a failed attempt, from the adapter's classification only
 * (never from error text):
 * - `stop`: a client error (400, 404, 413, 422, content policy) or an abort: no retry helps;
 * - `next_key`: the key is dead (`key_fatal`) or rate limited (429): another key of the same
 *   channel may serve, else another channel;
 * - `next_channel`: 5xx, overloaded, timeouts, connection failures.
 */
export type RetryDecision = 'stop' | 'next_key' | 'next_channel';

export function decideRetry(error: AdapterError): RetryDecision {
  if (error.kind === 'client') return 'stop';
  if (error.kind === 'key_fatal' || error.code === 'rate_limited') return 'next_key';
  return 'next_channel';
}
