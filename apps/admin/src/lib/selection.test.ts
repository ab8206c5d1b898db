import { describe, expect, it } from 'vitest';
import { selectedAmong, selectionState, toggleAllSelected, toggleSelected } from './selection';

describe('selection', () => {
  it('ticks and unticks one row without changing the old set', () => {
    const none = new Set<number>();
    const one = toggleSelected(none, 3);
    expect([...one]).toEqual([3]);
    expect(none.size).toBe(0);
    expect([...toggleSelected(one, 3)]).toEqual([]);
  });

  it('ticks every listed row, or unticks them when all are ticked', () => {
    const listed = [1, 2, 3];
    const some = new Set([2]);
    expect(selectionState(some, listed)).toBe('some');
    const all = toggleAllSelected(some, listed);
    expect(selectionState(all, listed)).toBe('all');
    expect(selectionState(toggleAllSelected(all, listed), listed)).toBe('none');
    expect(selectionState(new Set(), [])).toBe('none');
    expect([...toggleAllSelected(new Set(), [])]).toEqual([]);
  });

  it('reads only the rows still listed, in list order', () => {
    const selection = new Set([9, 4, 1]);
    // 9 was deleted: it is no longer selected, and not sent.
    expect(selectedAmong(selection, [1, 2, 4])).toEqual([1, 4]);
    expect(selectionState(selection, [1, 4])).toBe('all');
  });
});
