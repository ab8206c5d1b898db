import type { ModelPrice } from '../api/price-types';

export type PricingMode = 'fixed' | 'tokens' | 'ratio';

export type PriceField = keyof ModelPrice;

/** The fields of each mode, in the order the form and the summary show them. */
export const MODE_FIELDS: Readonly<Record<PricingMode, readonly PriceField[]>> = {
  tokens: ['inputPerMillion', 'outputPerMillion', 'cachedInputPerMillion', 'cacheWritePerMillion'],
  fixed: ['perRequest', 'perImage', 'perAudioSecond', 'perCharacter'],
  ratio: ['modelRatio', 'completionRatio'],
};

export const FIELD_LABELS: Readonly<Record<PriceField, string>> = {
  inputPerMillion: 'Input, $ per 1M tokens',
  outputPerMillion: 'Output, $ per 1M tokens',
  cachedInputPerMillion: 'Cached input, $ per 1M',
  cacheWritePerMillion: 'Cache write, $ per 1M',
  perRequest: '$ per request',
  perImage: '$ per image',
  perAudioSecond: '$ per audio second',
  perCharacter: '$ per character',
  modelRatio: 'Model ratio',
  completionRatio: 'Completion ratio',
};

export const MODE_LABELS: Readonly<Record<PricingMode, string>> = {
  tokens: 'Token prices',
  fixed: 'Fixed prices',
  ratio: 'Ratios',
};

/**
 * The mode the ledger bills by, as its `pricingModeOf` decides: fixed wins, then token
 * prices (input or output set; cache prices alone do not count), then a model ratio.
 */
export function pricingModeOf(price: ModelPrice): PricingMode | undefined {
  if (MODE_FIELDS.fixed.some((field) => price[field] !== undefined)) return 'fixed';
  if (price.inputPerMillion !== undefined || price.outputPerMillion !== undefined) return 'tokens';
  if (price.modelRatio !== undefined) return 'ratio';
  return undefined;
}

const SHORT: Readonly<Record<PriceField, (value: string) => string>> = {
  inputPerMillion: (value) => `$${value} in`,
  outputPerMillion: (value) => `$${value} out`,
  cachedInputPerMillion: (value) => `$${value} cached`,
  cacheWritePerMillion: (value) => `$${value} cache write`,
  perRequest: (value) => `$${value} / request`,
  perImage: (value) => `$${value} / image`,
  perAudioSecond: (value) => `$${value} / audio second`,
  perCharacter: (value) => `$${value} / character`,
  modelRatio: (value) => `ratio ${value}`,
  completionRatio: (value) => `completion × ${value}`,
};

/** `$0.15 in · $0.6 out (per 1M tokens)`: the fields of the mode in effect, or a dash. */
export function describePrice(price: ModelPrice | null): string {
  const mode = price && pricingModeOf(price);
  if (!price || !mode) return '—';
  const parts = MODE_FIELDS[mode].flatMap((field) => {
    const value = price[field];
    return value === undefined ? [] : [SHORT[field](String(value))];
  });
  return `${parts.join(' · ')}${mode === 'tokens' ? ' (per 1M tokens)' : ''}`;
}
