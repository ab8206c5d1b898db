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
 * Ids in ascending order: every batch updates account rows in this order, so that two
 * instances' batches touching the same rows wait for each other instead of deadlocking.
 */
export const ascending = (ids: Iterable<number>): number[] =>
  [...ids].sort((left, right) => left - right);
