import { describe, expect, it, vi } from 'vitest';
import { newRequestId } from './request-id';

describe('newRequestId', () => {
  it('is a UUIDv7 whose first 48 bits are the time in milliseconds', () => {
    const before = Date.now();
    const id = newRequestId();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const time = Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
    expect(time).toBeGreaterThanOrEqual(before);
    expect(time).toBeLessThanOrEqual(Date.now());
  });

  it('sorts by the time it was made, and never repeats', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      // Times whose hex lengths differ: the ids must still sort by time, not by length.
      const groups = [255, 4_096, 1_796_000_000_000, 1_796_000_000_001].map((time) => {
        vi.setSystemTime(time);
        return Array.from({ length: 500 }, () => newRequestId()).sort();
      });
      for (const [index, group] of groups.slice(1).entries())
        expect(group[0]! > groups[index]!.at(-1)!).toBe(true);
      expect(new Set(groups.flat()).size).toBe(2_000);
    } finally {
      vi.useRealTimers();
    }
  });
});
