import { describe, expect, it } from 'vitest';
import { computeQuota } from './compute-quota';
import { DEFAULT_MODEL_PRICES } from './default-prices';
import { createPriceTable } from './price-table';

describe('computeQuota', () => {
  it('follows One API: (prompt + completion x completionRatio) x modelRatio x groupRatio, rounded up', () => {
    // gpt-3.5-turbo in One API: modelRatio 0.75, completionRatio 1.333...
    const price = { modelRatio: 0.75, completionRatio: 4 / 3 };
    expect(computeQuota(price, { promptTokens: 1_000, completionTokens: 300 }, 1)).toBe(1_050);
    expect(
      computeQuota(
        { modelRatio: 15, completionRatio: 2 },
        { promptTokens: 7, completionTokens: 3 },
        0.5,
      ),
    ).toBe(Math.ceil((7 + 3 * 2) * 15 * 0.5));
    expect(computeQuota({ modelRatio: 0.001 }, { promptTokens: 1, completionTokens: 0 }, 1)).toBe(
      1,
    );
  });

  it('prices tokens directly per million, cached and cache-write input apart', () => {
    const gpt4o = DEFAULT_MODEL_PRICES['gpt-4o']!; // $2.50 in, $10 out, $1.25 cached
    // 1M prompt tokens of which 400K cached, 100K output:
    // 600K x 2.5 + 400K x 1.25 + 100K x 10 = $1.5 + $0.5 + $1 = $3 = 1,500,000 quota
    expect(
      computeQuota(
        gpt4o,
        { promptTokens: 1_000_000, cachedTokens: 400_000, completionTokens: 100_000 },
        1,
      ),
    ).toBe(1_500_000);
    const sonnet = DEFAULT_MODEL_PRICES['claude-sonnet-4-0']!;
    // 1,000 uncached + 2,000 written + 3,000 read + 500 out, at 3 / 3.75 / 0.30 / 15 per M:
    // 0.003 + 0.0075 + 0.0009 + 0.0075 = $0.0189 = 9,450 quota
    expect(
      computeQuota(
        sonnet,
        {
          promptTokens: 6_000,
          cacheWriteTokens: 2_000,
          cachedTokens: 3_000,
          completionTokens: 500,
        },
        1,
      ),
    ).toBe(9_450);
  });

  it('prices one-hour cache writes apart from five-minute ones', () => {
    const sonnet = DEFAULT_MODEL_PRICES['claude-sonnet-4-5']!; // writes: $3.75 (5m), $6 (1h)
    // 1,000 uncached + 2,000 written of which 500 for 1h: 0.003 + 1,500 x 3.75 + 500 x 6 per M
    // = 0.003 + 0.005625 + 0.003 = $0.011625 = 5,813 quota (rounded up)
    const usage = { promptTokens: 3_000, cacheWriteTokens: 2_000, completionTokens: 0 };
    expect(computeQuota(sonnet, { ...usage, cacheWrite1hTokens: 500 }, 1)).toBe(5_813);
    // Without the split every write is a 5-minute one: 0.003 + 0.0075 = 5,250.
    expect(computeQuota(sonnet, usage, 1)).toBe(5_250);
    // Without a 1-hour price, one-hour writes cost the write price.
    const { cacheWrite1hPerMillion: _, ...older } = sonnet;
    expect(computeQuota(older, { ...usage, cacheWrite1hTokens: 500 }, 1)).toBe(5_250);
  });

  it('prices every token of a prompt above the long-context threshold at the tier', () => {
    const pro = DEFAULT_MODEL_PRICES['gemini-2.5-pro']!; // $1.25 / $10, above 200K $2.50 / $15
    // At the threshold: 200,000 x 1.25 + 1,000 x 10 per M = $0.26 = 130,000 quota.
    expect(computeQuota(pro, { promptTokens: 200_000, completionTokens: 1_000 }, 1)).toBe(130_000);
    // One token above: 200,001 x 2.5 + 1,000 x 15 per M = $0.5150025 = 257,501.25, rounded up.
    expect(computeQuota(pro, { promptTokens: 200_001, completionTokens: 1_000 }, 1)).toBe(257_502);
    // Cache reads count towards the threshold and take the tier's cache price ($0.625).
    expect(
      computeQuota(pro, { promptTokens: 300_000, cachedTokens: 300_000, completionTokens: 0 }, 1),
    ).toBe(93_750);
  });

  it('keeps cache writes for 5 minutes and 1 hour apart in the long-context tier', () => {
    const sonnet = DEFAULT_MODEL_PRICES['claude-sonnet-4-5']!; // above 200K: 6 / 22.5 / 0.6 / 7.5 / 12
    // 50,000 uncached x 6 + 150,000 read x 0.6 + 40,000 written x 7.5 + 10,000 for 1h x 12
    // + 2,000 out x 22.5 = 855,000 per M = $0.855 = 427,500 quota.
    const usage = {
      promptTokens: 250_000,
      cachedTokens: 150_000,
      cacheWriteTokens: 50_000,
      cacheWrite1hTokens: 10_000,
      completionTokens: 2_000,
    };
    expect(computeQuota(sonnet, usage, 1)).toBe(427_500);
    // Without the tier the same usage costs: 150,000 + 45,000 + 150,000 + 60,000 + 30,000
    // = 435,000 per M = $0.435 = 217,500 quota.
    const { longContext: _, ...flat } = sonnet;
    expect(computeQuota(flat, usage, 1)).toBe(217_500);
  });

  it('prices image input tokens apart, out of the uncached input', () => {
    const price = { inputPerMillion: 1, outputPerMillion: 1, imageInputPerMillion: 2 };
    // 1,000 prompt of which 100 cached and 400 image: 500 x 1 + 400 x 2 + 100 x 1 = 1,400 per M
    // = $0.0014 = 700 quota.
    const usage = { promptTokens: 1_000, cachedTokens: 100, completionTokens: 0 };
    expect(computeQuota(price, { ...usage, imageInputTokens: 400 }, 1)).toBe(700);
    // Image tokens beyond the uncached input are not billed twice: 900 x 2 + 100 x 1.
    expect(computeQuota(price, { ...usage, imageInputTokens: 5_000 }, 1)).toBe(950);
    // Without an image price they cost the input price.
    const { imageInputPerMillion: _, ...plain } = price;
    expect(computeQuota(plain, { ...usage, imageInputTokens: 400 }, 1)).toBe(500);
    // The long-context tier can price them too.
    const tiered = { ...price, longContext: { aboveInputTokens: 999, imageInputPerMillion: 4 } };
    expect(computeQuota(tiered, { ...usage, imageInputTokens: 400 }, 1)).toBe(1_100);
  });

  it('rounds a fraction of a quota up, never down to zero', () => {
    // 1 token of gpt-4o-mini input: $0.00000015 = 0.075 quota
    expect(
      computeQuota(
        DEFAULT_MODEL_PRICES['gpt-4o-mini']!,
        { promptTokens: 1, completionTokens: 0 },
        1,
      ),
    ).toBe(1);
    expect(
      computeQuota(
        DEFAULT_MODEL_PRICES['gpt-4o-mini']!,
        { promptTokens: 0, completionTokens: 0 },
        1,
      ),
    ).toBe(0);
  });

  it('lets fixed prices take precedence over token prices and ratios', () => {
    const price = { perImage: 0.04, inputPerMillion: 100, modelRatio: 50 };
    expect(computeQuota(price, { promptTokens: 1_000, completionTokens: 0, images: 2 }, 1)).toBe(
      40_000,
    );
    expect(
      computeQuota(
        { perAudioSecond: 0.0001 },
        { promptTokens: 0, completionTokens: 0, audioSeconds: 61 },
        1,
      ),
    ).toBe(Math.ceil(61 * 0.0001 * 500_000));
    expect(computeQuota({ perRequest: 0.01 }, { promptTokens: 5, completionTokens: 5 }, 2)).toBe(
      10_000,
    );
    expect(
      computeQuota(
        { inputPerMillion: 1, modelRatio: 50 },
        { promptTokens: 1_000_000, completionTokens: 0 },
        1,
      ),
    ).toBe(500_000);
  });

  it('refuses negative usage', () => {
    expect(() =>
      computeQuota({ modelRatio: 1 }, { promptTokens: -1, completionTokens: 0 }, 1),
    ).toThrow(expect.objectContaining({ code: 'invalid_amount' }));
    // A count the price does not bill, as a provider's usage carries along, is checked too.
    const withReasoning = { promptTokens: 1, completionTokens: 1, reasoningTokens: -1 };
    expect(() => computeQuota({ modelRatio: 1 }, withReasoning, 1)).toThrow(
      expect.objectContaining({
        code: 'invalid_amount',
        message: expect.stringMatching(/reasoningTokens/),
      }),
    );
  });
});

describe('createPriceTable', () => {
  it('refuses a model without a price unless the operator sets a fallback', () => {
    const strict = createPriceTable();
    expect(() =>
      strict.quote('no-such-model', 'default', { promptTokens: 1, completionTokens: 1 }),
    ).toThrow(expect.objectContaining({ code: 'price_not_found', status: 400 }));
    const lenient = createPriceTable({ fallbackPrice: { modelRatio: 1 } });
    expect(
      lenient.quote('no-such-model', 'default', { promptTokens: 1, completionTokens: 1 }),
    ).toBe(2);
  });

  it('applies group ratios, refuses unknown groups, and can be edited', () => {
    const table = createPriceTable({
      models: { m: { modelRatio: 1 } },
      groups: { default: 1, vip: 0.5 },
    });
    expect(table.quote('m', 'vip', { promptTokens: 3, completionTokens: 0 })).toBe(2);
    expect(() => table.quote('m', 'gold', { promptTokens: 1, completionTokens: 0 })).toThrow(
      expect.objectContaining({ code: 'group_not_found' }),
    );
    table.setModelPrice('m', { inputPerMillion: 2, outputPerMillion: 2 });
    table.setGroupRatio('gold', 2);
    expect(table.quote('m', 'gold', { promptTokens: 1_000_000, completionTokens: 0 })).toBe(
      2_000_000,
    );
    expect(() => table.setModelPrice('bad', {})).toThrow(
      expect.objectContaining({ code: 'invalid_amount' }),
    );
    table.removeModelPrice('m');
    expect(table.listModelPrices()).toEqual({});
  });

  it('refuses a long-context tier that is malformed or cheaper than the model', () => {
    const table = createPriceTable({ models: {} });
    const base = { inputPerMillion: 1, outputPerMillion: 2 };
    const refused = (longContext: object) =>
      expect(() => table.setModelPrice('m', { ...base, longContext } as never)).toThrow(
        expect.objectContaining({ code: 'invalid_amount' }),
      );
    refused({ aboveInputTokens: 0, inputPerMillion: 2 });
    refused({ aboveInputTokens: 1.5, inputPerMillion: 2 });
    refused({ aboveInputTokens: 100, inputPerMillion: -1 });
    // A tier below the model's price would let a hold above the threshold fall short.
    refused({ aboveInputTokens: 100, outputPerMillion: 1 });
    refused({ aboveInputTokens: 100, cachedInputPerMillion: 0.5 });
    table.setModelPrice('m', {
      ...base,
      longContext: { aboveInputTokens: 100, inputPerMillion: 2 },
    });
    expect(table.quote('m', 'default', { promptTokens: 101, completionTokens: 0 })).toBe(101);
  });

  it('ships a valid price for every default model, free only where every price is 0', () => {
    const table = createPriceTable();
    for (const [model, price] of Object.entries(DEFAULT_MODEL_PRICES)) {
      const quote = table.quote(model, 'default', {
        promptTokens: 10,
        completionTokens: 10,
        images: 1,
        audioSeconds: 1,
        characters: 1,
      });
      const free = Object.values(price).every((value) => value === 0);
      expect(quote > 0, model).toBe(!free);
    }
    expect(
      table.quote('omni-moderation-latest', 'default', { promptTokens: 100, completionTokens: 0 }),
    ).toBe(0);
  });
});
