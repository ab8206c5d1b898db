import { describe, expect, it } from 'vitest';
import { describeBulkOutcome } from './channel-bulk';

describe('describeBulkOutcome', () => {
  it('says how many changed, and why the others did not', () => {
    expect(describeBulkOutcome('disable', 2, 2)).toBe('Disabled 2 channels.');
    expect(describeBulkOutcome('enable', 1, 1)).toBe('Enabled 1 channel.');
    expect(describeBulkOutcome('enable', 1, 2)).toBe(
      'Enabled 1 of 2 channels; the other one was already enabled or is gone.',
    );
    expect(describeBulkOutcome('delete', 0, 3)).toBe(
      'Deleted 0 of 3 channels; the other 3 were already gone.',
    );
  });
});
