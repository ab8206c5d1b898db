/** What one request of a batch gets: its result, or the error that refuses it alone. */
export type BatchOutcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: unknown };

/** Adds `change` to the running totals of `id`, creating them at zero. */
export function addTo<Totals extends Record<string, number>>(
  totals: Map<number, Totals>,
  id: number,
  zero: () => Totals,
  change: Partial<Totals>,
): void {
  const current = totals.get(id) ?? zero();
  for (const key of Object.keys(change) as (keyof Totals)[]) {
    (current[key] as number) += change[key] as number;
  }
  totals.set(id, current);
}

/**
 * The rows many requests share, in the one order every ledger transaction writes them
 * (batched or alone, hold, settlement, release or recovery): two transactions that both
 * write a channel and a user, say, then wait for each other instead of deadlocking, which on
 * PostgreSQL costs a second (deadlock_timeout) and a retry each time. They come after the
 * rows a transaction owns (its reservations, its log rows), so a hot row's lock is held
 * from its write to COMMIT and no longer. Within a kind, rows go in ascending key order.
 */
export const SHARED_ROW_ORDER = ['usageHourly', 'channels', 'users', 'tokens'] as const;

/**
 * Ids in ascending order: every batch updates account rows in this order, so that two
 * instances' batches touching the same rows wait for each other instead of deadlocking.
 */
export const ascending = (ids: Iterable<number>): number[] =>
  [...ids].sort((left, right) => left - right);
