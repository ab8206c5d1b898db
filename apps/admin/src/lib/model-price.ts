import type { ModelPrice } from '../api/price-types';
import { t } from '../i18n/t';

export type PricingMode = 'fixed' | 'tokens' | 'ratio';

/** The amounts of a price (its long-context tier is a group of its own). */
export type PriceField = Exclude<keyof ModelPrice, 'longContext'>;

/** The token prices a long-context tier may raise, in form order. */
export const TIER_FIELDS = [
  'inputPerMillion',
  'outputPerMillion',
  'cachedInputPerMillion',
  'cacheWritePerMillion',
  'cacheWrite1hPerMillion',
  'imageInputPerMillion',
] as const satisfies readonly PriceField[];

export type TierField = (typeof TIER_FIELDS)[number];

/** The fields of each mode, in the order the form and the summary show them. */
export const MODE_FIELDS: Readonly<Record<PricingMode, readonly PriceField[]>> = {
  tokens: [
    'inputPerMillion',
    'outputPerMillion',
    'cachedInputPerMillion',
    'cacheWritePerMillion',
    'cacheWrite1hPerMillion',
    'imageInputPerMillion',
  ],
  fixed: ['perRequest', 'perImage', 'perAudioSecond', 'perCharacter'],
  ratio: ['modelRatio', 'completionRatio'],
};

/** The modes in the order the form offers them. */
export const PRICING_MODES: readonly PricingMode[] = ['tokens', 'fixed', 'ratio'];

/** A price field's label in the form: `Input, $ per 1M tokens`. */
export const fieldLabel = (field: PriceField) => t(`price.field.${field}`);

/** A mode's name: `Token prices`. */
export const modeLabel = (mode: PricingMode) => t(`price.mode.${mode}`);

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

/** `$0.15 in · $0.6 out (per 1M tokens)`: the fields of the mode in effect, or a dash. */
export function describePrice(price: ModelPrice | null): string {
  const mode = price && pricingModeOf(price);
  if (!price || !mode) return '—';
  const parts = MODE_FIELDS[mode].flatMap((field) => {
    const value = price[field];
    return value === undefined ? [] : [t(`price.short.${field}`, { value: String(value) })];
  });
  const tier = mode === 'tokens' ? describeTier(price) : '';
  return `${parts.join(' · ')}${mode === 'tokens' ? t('price.perMillionTokens') : ''}${tier}`;
}

/** `; above 200000 tokens: $2.5 in · $15 out`, or nothing without a tier. */
function describeTier(price: ModelPrice): string {
  const tier = price.longContext;
  if (!tier) return '';
  const parts = TIER_FIELDS.flatMap((field) => {
    const value = tier[field];
    return value === undefined ? [] : [t(`price.short.${field}`, { value: String(value) })];
  });
  return t('price.above', { tokens: String(tier.aboveInputTokens), prices: parts.join(' · ') });
}

/** Each token class's price with the defaults resolved, as the ledger's `resolveTokenPrices`. */
export function resolveTokenPrices(price: ModelPrice): Record<TierField, number> {
  const input = price.inputPerMillion ?? 0;
  const cacheWrite = price.cacheWritePerMillion ?? input;
  return {
    inputPerMillion: input,
    outputPerMillion: price.outputPerMillion ?? 0,
    cachedInputPerMillion: price.cachedInputPerMillion ?? input,
    cacheWritePerMillion: cacheWrite,
    cacheWrite1hPerMillion: price.cacheWrite1hPerMillion ?? cacheWrite,
    imageInputPerMillion: price.imageInputPerMillion ?? input,
  };
}
