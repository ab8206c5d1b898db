import { describe, expect, it } from 'vitest';
import { addModels, filterNames, toggleModel } from './model-list';

describe('picking models into the models field', () => {
  it('adds and removes one model, keeping the order of the rest', () => {
    expect(toggleModel('a, b', 'c', true)).toBe('a, b, c');
    expect(toggleModel('a, b, c', 'b', false)).toBe('a, c');
    expect(toggleModel('a,\nb', 'a', true)).toBe('b, a');
    expect(toggleModel('', 'a', true)).toBe('a');
  });

  it('adds every missing model once', () => {
    expect(addModels('b', ['a', 'b', 'c'])).toBe('b, a, c');
  });

  it('filters names by a case-insensitive substring', () => {
    expect(filterNames(['GPT-4o', 'gpt-4o-mini', 'o3'], ' 4O ')).toEqual(['GPT-4o', 'gpt-4o-mini']);
    expect(filterNames(['b', 'a'], '')).toEqual(['b', 'a']);
  });
});
