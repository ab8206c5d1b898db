import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeQuota } from './compute-quota';
import { toHoldUsage } from './hold-usage';
import type { ModelPrice } from './model-price';
import { cheaperLongContextClasses, resolveTokenPrices } from './token-prices';

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

const amount = fc.integer({ min: 0, max: 40 }).map((cents) => cents / 4);
const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
/** Any token price, with an optional image price and a long-context tier never below it. */
const tokenPrice = fc
  .record({
    inputPerMillion: amount,
    outputPerMillion: amount,
    cachedInputPerMillion: maybe(amount),
    cacheWritePerMillion: maybe(amount),
    cacheWrite1hPerMillion: maybe(amount),
    imageInputPerMillion: maybe(amount),
  })
  .chain((base) =>
    fc.record({
      base: fc.constant(base),
      tier: maybe(
        fc.record({
          aboveInputTokens: fc.integer({ min: 1, max: 2_000 }),
          raise: fc.record({
            inputPerMillion: maybe(amount),
            outputPerMillion: maybe(amount),
            cachedInputPerMillion: maybe(amount),
            cacheWritePerMillion: maybe(amount),
            cacheWrite1hPerMillion: maybe(amount),
            imageInputPerMillion: maybe(amount),
          }),
        }),
      ),
    }),
  )
  .map(({ base, tier }): ModelPrice => {
    const clean = <T extends object>(value: T) =>
      Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
    const price: ModelPrice = clean(base);
    if (!tier) return price;
    // Each tier price is the model's effective price plus a raise: never cheaper.
    const own = resolveTokenPrices(price);
    const raised = clean({
      inputPerMillion: tier.raise.inputPerMillion && own.input + tier.raise.inputPerMillion,
      outputPerMillion: tier.raise.outputPerMillion && own.output + tier.raise.outputPerMillion,
      cachedInputPerMillion:
        tier.raise.cachedInputPerMillion && own.cached + tier.raise.cachedInputPerMillion,
      cacheWritePerMillion:
        tier.raise.cacheWritePerMillion && own.cacheWrite + tier.raise.cacheWritePerMillion,
      cacheWrite1hPerMillion:
        tier.raise.cacheWrite1hPerMillion && own.cacheWrite1h + tier.raise.cacheWrite1hPerMillion,
      imageInputPerMillion:
        tier.raise.imageInputPerMillion && own.imageInput + tier.raise.imageInputPerMillion,
    });
    return { ...price, longContext: { aboveInputTokens: tier.aboveInputTokens, ...raised } };
  })
  .filter((price) => cheaperLongContextClasses(price).length === 0);

describe('toHoldUsage, property-tested', () => {
  it('holds at least what any usage within the bounds settles for, tiers and images included', () => {
    fc.assert(
      fc.property(
        tokenPrice,
        fc.integer({ min: 0, max: 4_000 }),
        fc.integer({ min: 0, max: 1_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 5, maxLength: 5 }),
        (price, promptBound, completionBound, used, shares) => {
          const held = computeQuota(
            price,
            toHoldUsage(price, { promptTokens: promptBound, completionTokens: completionBound }),
            1,
          );
          const prompt = Math.floor(promptBound * used);
          const [cachedShare, writeShare, oneHourShare, imageShare, outShare] = shares as number[];
          const cachedTokens = Math.floor(prompt * (cachedShare as number));
          const cacheWriteTokens = Math.floor((prompt - cachedTokens) * (writeShare as number));
          const settled = computeQuota(
            price,
            {
              promptTokens: prompt,
              completionTokens: Math.floor(completionBound * (outShare as number)),
              cachedTokens,
              cacheWriteTokens,
              cacheWrite1hTokens: Math.floor(cacheWriteTokens * (oneHourShare as number)),
              imageInputTokens: Math.floor(prompt * (imageShare as number)),
            },
            1,
          );
          expect(settled).toBeLessThanOrEqual(held);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('holds at the long-context prices when the bound is above the threshold', () => {
    const price: ModelPrice = {
      inputPerMillion: 1,
      outputPerMillion: 1,
      longContext: { aboveInputTokens: 1_000, inputPerMillion: 3, imageInputPerMillion: 5 },
    };
    // The image price is the dearest class of the tier: 2,000 x $5 per M = $0.01 = 5,000 quota.
    expect(toHoldUsage(price, { promptTokens: 2_000, completionTokens: 0 })).toMatchObject({
      imageInputTokens: 2_000,
    });
    expect(
      computeQuota(price, toHoldUsage(price, { promptTokens: 2_000, completionTokens: 0 }), 1),
    ).toBe(5_000);
    // Below it, plain input.
    expect(toHoldUsage(price, { promptTokens: 1_000, completionTokens: 0 })).toMatchObject({
      imageInputTokens: 0,
    });
  });
});
