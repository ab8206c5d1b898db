import { describe, expect, it } from 'vitest';
import { computeQuota } from './compute-quota';
import { toHoldUsage } from './hold-usage';

const SONNET = {
  inputPerMillion: 3,
  outputPerMillion: 15,
  cachedInputPerMillion: 0.3,
  cacheWritePerMillion: 3.75,
};
const bounds = { promptTokens: 1_000, completionTokens: 100 };

describe('toHoldUsage', () => {
  it('prices the prompt bound as cache writes when they cost more than input', () => {
    // 1,000 x $3.75 + 100 x $15 per 1M = $0.00525 = 2,625 quota (uncached input: 2,250).
    expect(computeQuota(SONNET, toHoldUsage(SONNET, bounds), 1)).toBe(2_625);
    // The dearest split a provider can report within the bounds costs no more.
    const allWritten = { ...bounds, cacheWriteTokens: 1_000 };
    expect(computeQuota(SONNET, allWritten, 1)).toBe(2_625);
  });

  it('prices the prompt bound as one-hour cache writes when those are the dearest', () => {
    const price = { ...SONNET, cacheWrite1hPerMillion: 6 };
    // 1,000 x $6 + 100 x $15 per 1M = $0.0075 = 3,750 quota.
    expect(computeQuota(price, toHoldUsage(price, bounds), 1)).toBe(3_750);
    const allWrittenFor1h = { ...bounds, cacheWriteTokens: 1_000, cacheWrite1hTokens: 1_000 };
    expect(computeQuota(price, allWrittenFor1h, 1)).toBe(3_750);
  });

  it('prices the prompt as cache reads when an operator priced those above input', () => {
    const price = { inputPerMillion: 1, outputPerMillion: 1, cachedInputPerMillion: 2 };
    expect(toHoldUsage(price, bounds)).toMatchObject({ cachedTokens: 1_000, cacheWriteTokens: 0 });
  });

  it('keeps the prompt uncached when input is the dearest, and ignores a caller-given split', () => {
    const price = { inputPerMillion: 2.5, outputPerMillion: 10, cachedInputPerMillion: 1.25 };
    const held = toHoldUsage(price, { ...bounds, cachedTokens: 600 });
    expect(held).toMatchObject({ promptTokens: 1_000, cachedTokens: 0, cacheWriteTokens: 0 });
    expect(toHoldUsage({ modelRatio: 1 }, bounds)).toMatchObject({ promptTokens: 1_000 });
  });
});
