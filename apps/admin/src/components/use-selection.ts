import { useState } from 'react';
import {
  type Selection,
  selectedAmong,
  selectionState,
  toggleAllSelected,
  toggleSelected,
} from '../lib/selection';

/** Ticked rows of a table, read through the ids it lists now (see lib/selection.ts). */
export function useSelection(listed: readonly number[]) {
  const [selection, setSelection] = useState<Selection>(() => new Set());
  return {
    selected: selectedAmong(selection, listed),
    state: selectionState(selection, listed),
    isSelected: (id: number) => selection.has(id),
    toggle: (id: number) => setSelection((current) => toggleSelected(current, id)),
    toggleAll: () => setSelection((current) => toggleAllSelected(current, listed)),
    clear: () => setSelection(new Set()),
  };
}
