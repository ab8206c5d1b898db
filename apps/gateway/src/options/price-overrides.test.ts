import { createPriceTable, DEFAULT_MODEL_PRICES } from '@oneapi/ledger';
import { describe, expect, it } from 'vitest';
import {
  applyPriceOverrides,
  createPriceOverrideStore,
  PRICE_OPTIONS,
  readPriceOverrides,
} from './price-overrides';

/** The slice of the options repository these functions use, in memory. */
function createMemoryOptions(initial: Record<string, unknown> = {}) {
  const rows = new Map(Object.entries(initial));
  return {
    rows,
    get: async (name: string) => structuredClone(rows.get(name)),
    set: async (name: string, value: unknown) => void rows.set(name, structuredClone(value)),
  };
}

const defaults = {
  models: { 'gpt-4o': { inputPerMillion: 2.5, outputPerMillion: 10 } },
  groups: { default: 1, vip: 1 },
};

describe('applyPriceOverrides', () => {
  it('puts overrides on top of the defaults', () => {
    const table = createPriceTable({ models: defaults.models, groups: defaults.groups });
    const refused = applyPriceOverrides(
      table,
      {
        models: { 'gpt-4o': { modelRatio: 3 }, 'my-model': { perRequest: 0.01 } },
        groups: { vip: 0.5 },
      },
      defaults,
    );
    expect(refused).toEqual([]);
    expect(table.listModelPrices()).toEqual({
      'gpt-4o': { modelRatio: 3 },
      'my-model': { perRequest: 0.01 },
    });
    expect(table.groupRatioOf('vip')).toBe(0.5);
    expect(table.groupRatioOf('default')).toBe(1);
  });

  it('undoes an override deleted elsewhere: the default comes back, an extra model goes', () => {
    const table = createPriceTable({ models: defaults.models, groups: defaults.groups });
    applyPriceOverrides(
      table,
      {
        models: { 'gpt-4o': { modelRatio: 3 }, 'my-model': { modelRatio: 1 } },
        groups: { vip: 2 },
      },
      defaults,
    );
    // Another instance deleted both model overrides and reset vip: only the options say so.
    applyPriceOverrides(table, { models: {}, groups: {} }, defaults);
    expect(table.listModelPrices()).toEqual(defaults.models);
    expect(table.groupRatioOf('vip')).toBe(1);
  });

  it('keeps going past a price the table refuses, and names it', () => {
    const table = createPriceTable({ models: defaults.models, groups: defaults.groups });
    const refused = applyPriceOverrides(
      table,
      { models: { broken: {}, fine: { modelRatio: 1 } }, groups: {} },
      defaults,
    );
    expect(refused).toEqual(['models.broken']);
    expect(table.priceOf('fine')).toEqual({ modelRatio: 1 });
  });

  it('defaults to the ledger’s shipped prices', () => {
    const table = createPriceTable();
    applyPriceOverrides(table, { models: { 'gpt-4o': { modelRatio: 9 } }, groups: {} });
    applyPriceOverrides(table, { models: {}, groups: {} });
    expect(table.priceOf('gpt-4o')).toEqual(DEFAULT_MODEL_PRICES['gpt-4o']);
  });
});

describe('readPriceOverrides', () => {
  it('skips entries that do not parse instead of failing', async () => {
    const options = createMemoryOptions({
      [PRICE_OPTIONS.models]: {
        good: { modelRatio: 2 },
        negative: { modelRatio: -1 },
        unknownField: { modelRatio: 1, surcharge: 5 },
        noMode: { completionRatio: 2 },
      },
      [PRICE_OPTIONS.groups]: { vip: 0.8, bad: 'x' },
    });
    const { overrides, invalid } = await readPriceOverrides(options);
    expect(overrides).toEqual({ models: { good: { modelRatio: 2 } }, groups: { vip: 0.8 } });
    expect(invalid.sort()).toEqual(
      ['groups.bad', 'models.negative', 'models.noMode', 'models.unknownField'].sort(),
    );
  });

  it('reads nothing from an empty or malformed row', async () => {
    const options = createMemoryOptions({ [PRICE_OPTIONS.models]: ['not', 'an', 'object'] });
    expect((await readPriceOverrides(options)).overrides).toEqual({ models: {}, groups: {} });
  });
});

describe('createPriceOverrideStore', () => {
  it('edits one entry and leaves the others as written, even unreadable ones', async () => {
    const options = createMemoryOptions({
      [PRICE_OPTIONS.models]: { legacy: { futureField: 1 } },
    });
    const store = createPriceOverrideStore(options);
    await Promise.all([
      store.setModelPrice('a', { modelRatio: 1 }),
      store.setModelPrice('b', { perImage: 0.04 }),
    ]);
    expect(options.rows.get(PRICE_OPTIONS.models)).toEqual({
      legacy: { futureField: 1 },
      a: { modelRatio: 1 },
      b: { perImage: 0.04 },
    });
    expect(await store.removeModelPrice('a')).toBe(true);
    expect(await store.removeModelPrice('a')).toBe(false);
    expect(Object.keys(options.rows.get(PRICE_OPTIONS.models) as object)).toEqual(['legacy', 'b']);
  });

  it('refuses what the ledger would refuse, before writing', async () => {
    const options = createMemoryOptions();
    const store = createPriceOverrideStore(options);
    await expect(store.setModelPrice('m', { completionRatio: 2 })).rejects.toMatchObject({
      code: 'invalid_amount',
    });
    await expect(store.setGroupRatio('vip', Number.NaN)).rejects.toMatchObject({
      code: 'invalid_amount',
    });
    expect(options.rows.size).toBe(0);
  });
});
