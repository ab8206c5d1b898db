/**
 * Appends `items` to `target` one by one. `target.push(...items)` passes every item as an
 * argument, and a request can carry enough blocks (about 120,000 on Node 20) to overflow the
 * stack: a RangeError, answered as a 500, for a body the caller may legally send.
 */
export function appendAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}
