import { describe, expect, it } from 'vitest';
import { describePrice, pricingModeOf } from './model-price';
import {
  type PriceFormInput,
  parseAmount,
  parseGroupRatioForm,
  parsePriceForm,
  toPriceForm,
} from './parse-price-form';

const form = (changes: Partial<PriceFormInput>): PriceFormInput => ({
  ...toPriceForm('my-model', null),
  ...changes,
});

describe('pricingModeOf', () => {
  it('decides like the ledger: fixed, then token prices, then a ratio', () => {
    expect(pricingModeOf({ modelRatio: 1, inputPerMillion: 2, perImage: 0.04 })).toBe('fixed');
    expect(pricingModeOf({ modelRatio: 1, outputPerMillion: 2 })).toBe('tokens');
    expect(pricingModeOf({ modelRatio: 0 })).toBe('ratio');
    expect(pricingModeOf({ cachedInputPerMillion: 1, completionRatio: 2 })).toBeUndefined();
  });
});

describe('parseAmount', () => {
  it('reads plain numbers >= 0 and nothing else', () => {
    expect(parseAmount(' 0.15 ')).toBe(0.15);
    expect(parseAmount('.5')).toBe(0.5);
    expect(parseAmount('2.5e-3')).toBe(0.0025);
    expect(parseAmount('')).toBeUndefined();
    for (const bad of ['-1', 'abc', '0x10', 'Infinity', '1e400', '1,5', 'NaN'])
      expect(parseAmount(bad)).toBeNaN();
  });
});

describe('parsePriceForm', () => {
  it('sends only the chosen mode’s fields', () => {
    expect(
      parsePriceForm(
        form({ mode: 'tokens', inputPerMillion: '0.15', outputPerMillion: '0.6', modelRatio: '3' }),
      ),
    ).toEqual({
      ok: true,
      value: { model: 'my-model', price: { inputPerMillion: 0.15, outputPerMillion: 0.6 } },
    });
    expect(parsePriceForm(form({ mode: 'fixed', perImage: '0.04' }))).toEqual({
      ok: true,
      value: { model: 'my-model', price: { perImage: 0.04 } },
    });
    expect(parsePriceForm(form({ mode: 'ratio', modelRatio: '0', completionRatio: '4' }))).toEqual({
      ok: true,
      value: { model: 'my-model', price: { modelRatio: 0, completionRatio: 4 } },
    });
  });

  it('wants at least one pricing mode, as the server does', () => {
    expect(parsePriceForm(form({ mode: 'tokens', cachedInputPerMillion: '1' }))).toEqual({
      ok: false,
      errors: { inputPerMillion: 'Set an input or an output price' },
    });
    expect(parsePriceForm(form({ mode: 'ratio', completionRatio: '2' }))).toEqual({
      ok: false,
      errors: { modelRatio: 'Set the model ratio' },
    });
    expect(parsePriceForm(form({ mode: 'fixed' }))).toEqual({
      ok: false,
      errors: { perRequest: 'Set at least one fixed price' },
    });
  });

  it('names every bad amount and a missing model', () => {
    const parsed = parsePriceForm(
      form({ model: '  ', mode: 'tokens', inputPerMillion: '-1', outputPerMillion: 'abc' }),
    );
    expect(parsed.ok ? [] : Object.keys(parsed.errors).sort()).toEqual([
      'inputPerMillion',
      'model',
      'outputPerMillion',
    ]);
  });

  it('prefills from a price in the mode it is billed by', () => {
    const input = toPriceForm('gpt-4o-mini', {
      inputPerMillion: 0.15,
      outputPerMillion: 0.6,
      modelRatio: 0.075,
    });
    expect(input).toMatchObject({
      model: 'gpt-4o-mini',
      mode: 'tokens',
      inputPerMillion: '0.15',
      outputPerMillion: '0.6',
      modelRatio: '',
    });
    expect(toPriceForm('x', null).mode).toBe('tokens');
  });
});

describe('parsePriceForm, long prompts and image tokens', () => {
  const base = { mode: 'tokens' as const, inputPerMillion: '1.25', outputPerMillion: '10' };

  it('sends a tier and an image price with the token prices', () => {
    expect(
      parsePriceForm(
        form({
          ...base,
          imageInputPerMillion: '2.5',
          'longContext.aboveInputTokens': '200000',
          'longContext.inputPerMillion': '2.5',
          'longContext.outputPerMillion': '15',
        }),
      ),
    ).toEqual({
      ok: true,
      value: {
        model: 'my-model',
        price: {
          inputPerMillion: 1.25,
          outputPerMillion: 10,
          imageInputPerMillion: 2.5,
          longContext: { aboveInputTokens: 200_000, inputPerMillion: 2.5, outputPerMillion: 15 },
        },
      },
    });
    // Every tier box empty: no tier.
    expect(parsePriceForm(form(base))).toMatchObject({ ok: true, value: { price: {} } });
    expect(parsePriceForm(form(base))).not.toHaveProperty('value.price.longContext');
  });

  it('refuses what the server would refuse', () => {
    const errorsOf = (changes: Partial<PriceFormInput>) => {
      const parsed = parsePriceForm(form({ ...base, ...changes }));
      return parsed.ok ? {} : parsed.errors;
    };
    expect(errorsOf({ 'longContext.inputPerMillion': '3' })).toEqual({
      'longContext.aboveInputTokens': 'Use a whole number of tokens, 1 or more',
    });
    expect(
      errorsOf({ 'longContext.aboveInputTokens': '1.5', 'longContext.inputPerMillion': '3' }),
    ).toHaveProperty(['longContext.aboveInputTokens']);
    expect(errorsOf({ 'longContext.aboveInputTokens': '1000' })).toEqual({
      'longContext.inputPerMillion': 'Set at least one long-prompt price',
    });
    // Below the model's own price: the hold at the tier could fall short.
    expect(
      errorsOf({ 'longContext.aboveInputTokens': '1000', 'longContext.outputPerMillion': '9' }),
    ).toEqual({ 'longContext.outputPerMillion': 'Use at least the model’s own price, $10' });
    // A cheaper input lowers the classes that follow it: said at the input box.
    expect(
      errorsOf({
        cachedInputPerMillion: '',
        'longContext.aboveInputTokens': '1000',
        'longContext.inputPerMillion': '1',
      }),
    ).toEqual({ 'longContext.inputPerMillion': 'Use at least the model’s own price, $1.25' });
  });

  it('prefills the tier, and shows it in the summary', () => {
    const price = {
      inputPerMillion: 1.25,
      outputPerMillion: 10,
      longContext: { aboveInputTokens: 200_000, inputPerMillion: 2.5 },
    };
    expect(toPriceForm('gemini-2.5-pro', price)).toMatchObject({
      'longContext.aboveInputTokens': '200000',
      'longContext.inputPerMillion': '2.5',
      'longContext.outputPerMillion': '',
    });
    expect(describePrice(price)).toBe(
      '$1.25 in · $10 out (per 1M tokens); above 200000 tokens: $2.5 in',
    );
  });
});

describe('describePrice', () => {
  it('summarizes the fields of the mode in effect', () => {
    expect(describePrice({ inputPerMillion: 0.15, outputPerMillion: 0.6 })).toBe(
      '$0.15 in · $0.6 out (per 1M tokens)',
    );
    expect(describePrice({ perImage: 0.04, modelRatio: 1 })).toBe('$0.04 / image');
    expect(describePrice({ modelRatio: 7.5, completionRatio: 4 })).toBe(
      'ratio 7.5 · completion × 4',
    );
    expect(describePrice(null)).toBe('—');
  });
});

describe('parseGroupRatioForm', () => {
  it('wants a name and a ratio >= 0', () => {
    expect(parseGroupRatioForm({ group: ' vip ', ratio: '0.8' })).toEqual({
      ok: true,
      value: { group: 'vip', ratio: 0.8 },
    });
    expect(parseGroupRatioForm({ group: '', ratio: '-2' })).toEqual({
      ok: false,
      errors: { group: 'Enter the group name', ratio: 'Use a number, 0 or more' },
    });
  });
});
