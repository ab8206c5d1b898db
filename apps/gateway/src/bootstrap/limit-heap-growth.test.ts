import { describe, expect, it } from 'vitest';
import { limitHeapGrowth } from './limit-heap-growth';

// What the setting does to memory is measured by the gateway suite (peak RSS after
// saturation, docs/benchmarks.md); here, that an operator's own choice wins.
describe('limitHeapGrowth', () => {
  it("leaves V8's growing factor to an operator who set one on node's command line", () => {
    expect(limitHeapGrowth(['--heap-growing-percent=100'])).toBe(false);
    expect(limitHeapGrowth(['--enable-source-maps', '--heap-growing-percent', '50'])).toBe(false);
  });

  it('sets it otherwise, whatever else the command line holds', () => {
    expect(limitHeapGrowth([])).toBe(true);
    expect(limitHeapGrowth(['--enable-source-maps', '--max-old-space-size=4096'])).toBe(true);
  });
});
