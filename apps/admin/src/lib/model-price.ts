import type { ModelPrice } from '../api/price-types';
import { t } from '../i18n/t';

export type PricingMode = 'fixed' | 'tokens' | 'ratio';

export type PriceField = keyof ModelPrice;

/** The fields of each mode, in the order the form and the summary show them. */
export const MODE_FIELDS: Readonly<Record<PricingMode, readonly PriceField[]>> = {
  tokens: [
    'inputPerMillion',
    'outputPerMillion',
    'cachedInputPerMillion',
    'cacheWritePerMillion',
    'cacheWrite1hPerMillion',
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
  return `${parts.join(' · ')}${mode === 'tokens' ? t('price.perMillionTokens') : ''}`;
}
