import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ceilToQuota, multiplyFractions, quotaToUsd, toFraction, usdToQuota } from './quota';

describe('exact quota arithmetic', () => {
  it('reads decimals as written, including exponent notation', () => {
    expect(toFraction(0.1)).toEqual({ numerator: 1n, denominator: 10n });
    expect(toFraction(0.075)).toEqual({ numerator: 75n, denominator: 1000n });
    expect(toFraction(1e-7)).toEqual({ numerator: 1n, denominator: 10_000_000n });
    expect(toFraction(2.5e21)).toEqual({
      numerator: 2_500_000_000_000_000_000_000n,
      denominator: 1n,
    });
    expect(() => toFraction(-1)).toThrow(expect.objectContaining({ code: 'invalid_amount' }));
  });

  it('reads integers exactly, past 2^53 as written', () => {
    expect(toFraction(0)).toEqual({ numerator: 0n, denominator: 1n });
    expect(toFraction(Number.MAX_SAFE_INTEGER)).toEqual({
      numerator: 9_007_199_254_740_991n,
      denominator: 1n,
    });
    expect(toFraction(2 ** 53)).toEqual({ numerator: 9_007_199_254_740_992n, denominator: 1n });
    expect(() => toFraction(Number.POSITIVE_INFINITY)).toThrow(
      expect.objectContaining({ code: 'invalid_amount' }),
    );
  });

  it('reads a decimal the same the thousandth time, past the memo of recent prices', () => {
    const first = toFraction(0.15);
    for (let index = 0; index < 10_000; index++) toFraction(index + 0.25);
    expect(toFraction(0.15)).toEqual(first);
    expect(toFraction(0.15)).toEqual({ numerator: 15n, denominator: 100n });
    expect(toFraction(9_999.25)).toEqual({ numerator: 999_925n, denominator: 100n });
  });

  it('rounds up once, at the end, as One API does', () => {
    expect(ceilToQuota({ numerator: 10n, denominator: 5n })).toBe(2);
    expect(ceilToQuota({ numerator: 11n, denominator: 5n })).toBe(3);
    expect(ceilToQuota({ numerator: 1n, denominator: 1_000_000n })).toBe(1);
    expect(ceilToQuota({ numerator: 0n, denominator: 7n })).toBe(0);
    // 0.1 x 3 is 0.30000000000000004 in floating point, which would round up to 1.
    expect(ceilToQuota(multiplyFractions(toFraction(0.1), toFraction(3), toFraction(10)))).toBe(3);
  });

  it('is exact where floating point is not', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 1, max: 9_999 }),
        (tokens, cents) => {
          const price = cents / 100; // USD per token, two decimals
          const exact = ceilToQuota(multiplyFractions(toFraction(tokens), toFraction(price)));
          expect(exact).toBe(Math.ceil((tokens * cents) / 100));
        },
      ),
    );
  });

  it('converts dollars at 500,000 quota per unit', () => {
    expect(usdToQuota(1)).toBe(500_000);
    expect(usdToQuota(0.002)).toBe(1_000);
    expect(usdToQuota(0.0000001)).toBe(1); // 0.05 quota, rounded up
    expect(quotaToUsd(250_000)).toBe(0.5);
  });
});
