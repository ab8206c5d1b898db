import { GatewayError } from '../../http/gateway-error';

const MAX_FAILURES = 5;
const WINDOW_MS = 15 * 60_000;
const MAX_TRACKED = 10_000;

/**
 * Slows password guessing: after 5 failures (or `maxFailures`) for one key within 15
 * minutes, further attempts are refused until the window passes. Per instance, in memory.
 */
export function createLoginThrottle(
  now: () => number = Date.now,
  options: { readonly maxFailures?: number } = {},
) {
  const maxFailures = options.maxFailures ?? MAX_FAILURES;
  const failures = new Map<string, { count: number; since: number }>();
  return {
    check(key: string) {
      const entry = failures.get(key);
      if (entry && now() - entry.since < WINDOW_MS && entry.count >= maxFailures) {
        throw new GatewayError('too_many_requests', 'Too many failed sign-ins; try again later');
      }
    },
    fail(key: string) {
      const entry = failures.get(key);
      if (!entry || now() - entry.since >= WINDOW_MS) {
        // Bounded memory: an attacker cycling usernames cannot grow the map without limit.
        if (failures.size >= MAX_TRACKED) failures.delete(failures.keys().next().value!);
        failures.set(key, { count: 1, since: now() });
      } else entry.count += 1;
    },
    succeed(key: string) {
      failures.delete(key);
    },
  };
}
