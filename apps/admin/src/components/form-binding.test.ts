import type { ChangeEvent } from 'react';
import { describe, expect, it } from 'vitest';
import { toBinding } from './form-binding';

const changeTo = (target: { value?: string; checked?: boolean }) =>
  ({ target }) as unknown as ChangeEvent<HTMLInputElement>;

describe('toBinding', () => {
  it('binds text by value and a boolean by checked, with the error beside', () => {
    const set: unknown[] = [];
    const text = toBinding('ada', 'Too short', (value) => set.push(value));
    expect(text.error).toBe('Too short');
    expect(text.control).toMatchObject({ value: 'ada' });
    text.control.onChange(changeTo({ value: 'ada lovelace' }));

    const flag = toBinding(false, undefined, (value) => set.push(value));
    expect(flag.control).toMatchObject({ checked: false });
    expect(flag.control).not.toHaveProperty('value');
    flag.control.onChange(changeTo({ checked: true }));
    expect(set).toEqual(['ada lovelace', true]);
  });
});
