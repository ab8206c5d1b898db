/**
 * Which rows of a table are ticked, by id. Kept as a set of ids and read through the ids
 * listed now, so a row deleted or gone after a reload is simply no longer selected.
 */
export type Selection = ReadonlySet<number>;

/** Ticks or unticks one row. */
export function toggleSelected(selection: Selection, id: number): Selection {
  const next = new Set(selection);
  if (!next.delete(id)) next.add(id);
  return next;
}

/** The header box: unticks every listed row when all are ticked, else ticks them all. */
export function toggleAllSelected(selection: Selection, listed: readonly number[]): Selection {
  const next = new Set(selection);
  const all = listed.length > 0 && listed.every((id) => next.has(id));
  for (const id of listed) {
    if (all) next.delete(id);
    else next.add(id);
  }
  return next;
}

/** The ticked ids among those listed, in list order. */
export function selectedAmong(selection: Selection, listed: readonly number[]): number[] {
  return listed.filter((id) => selection.has(id));
}

/** What the header box shows: empty, a dash (some) or a tick (all). */
export function selectionState(
  selection: Selection,
  listed: readonly number[],
): 'none' | 'some' | 'all' {
  const count = selectedAmong(selection, listed).length;
  if (count === 0) return 'none';
  return count === listed.length ? 'all' : 'some';
}
