import type { ModelPrice } from '../api/price-types';
import { type MessageKey, t } from '../i18n/t';
import {
  MODE_FIELDS,
  type PriceField,
  type PricingMode,
  pricingModeOf,
  resolveTokenPrices,
  TIER_FIELDS,
  type TierField,
} from './model-price';
import { compactErrors, type FieldErrors, type Parsed, parseInteger } from './validation';

/** A long-context box of the form, named as the server's error `param` names it. */
export type TierInputField = 'longContext.aboveInputTokens' | `longContext.${TierField}`;

export const TIER_THRESHOLD: TierInputField = 'longContext.aboveInputTokens';
export const tierInput = (field: TierField): TierInputField => `longContext.${field}`;
const TIER_INPUTS: readonly TierInputField[] = [TIER_THRESHOLD, ...TIER_FIELDS.map(tierInput)];

/** The price form as typed: the model, the mode, one text box per price and per tier field. */
export type PriceFormInput = { model: string; mode: PricingMode } & Record<PriceField, string> &
  Record<TierInputField, string>;

const ALL_FIELDS = Object.values(MODE_FIELDS).flat();
const text = (value: number | undefined) => (value === undefined ? '' : String(value));

/** Prefills the form from a price (its billing mode's fields), or empty for a new one. */
export function toPriceForm(model: string, price: ModelPrice | null): PriceFormInput {
  const mode = (price && pricingModeOf(price)) ?? 'tokens';
  const amounts = Object.fromEntries(
    ALL_FIELDS.map((field) => {
      const value = MODE_FIELDS[mode].includes(field) ? price?.[field] : undefined;
      return [field, value === undefined ? '' : String(value)];
    }),
  ) as Record<PriceField, string>;
  const tier = mode === 'tokens' ? price?.longContext : undefined;
  const tierAmounts = Object.fromEntries([
    [TIER_THRESHOLD, text(tier?.aboveInputTokens)],
    ...TIER_FIELDS.map((field) => [tierInput(field), text(tier?.[field])]),
  ]) as Record<TierInputField, string>;
  return { model, mode, ...amounts, ...tierAmounts };
}

// Plain decimals and exponents only: `0x10`, `Infinity` and `1_000` are not prices.
const AMOUNT = /^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** A number >= 0 typed into a field, undefined when empty, NaN when not a number. */
export function parseAmount(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const value = AMOUNT.test(trimmed) ? Number(trimmed) : Number.NaN;
  return Number.isFinite(value) ? value : Number.NaN;
}

/** What the mode needs so the ledger accepts the price: where to say so when it is missing. */
const REQUIRED: Readonly<Record<PricingMode, { field: PriceField; message: MessageKey }>> = {
  tokens: { field: 'inputPerMillion', message: 'check.priceTokens' },
  fixed: { field: 'perRequest', message: 'check.priceFixed' },
  ratio: { field: 'modelRatio', message: 'check.priceRatio' },
};

/**
 * Reads the form into `{model, price}` for PUT /api/prices/models/:model, with the
 * server's rules: every amount a finite number >= 0, and the mode set (the ledger's
 * `pricingModeOf`). Only the chosen mode's fields are sent: the other modes' would be
 * ignored by the ledger anyway.
 */
export function parsePriceForm(
  input: PriceFormInput,
): Parsed<{ model: string; price: ModelPrice }> {
  const model = input.model.trim();
  const errors: FieldErrors = compactErrors({
    model:
      model === ''
        ? t('check.modelName')
        : model.length > 191
          ? t('check.atMost', { max: 191 })
          : undefined,
  });
  const price: Record<string, number> = {};
  for (const field of MODE_FIELDS[input.mode]) {
    const value = parseAmount(input[field]);
    if (value === undefined) continue;
    if (Number.isNaN(value)) errors[field] = t('check.numberMin0');
    else price[field] = value;
  }
  const required = REQUIRED[input.mode];
  if (pricingModeOf(price) !== input.mode && errors[required.field] === undefined)
    errors[required.field] = t(required.message);
  const longContext = input.mode === 'tokens' ? readTier(input, price, errors) : undefined;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { model, price: longContext ? { ...price, longContext } : price } };
}

/**
 * The long-context tier, with the server's rules: a threshold that is a whole number above
 * 0, at least one price, and no class priced below the model's own (the ledger's
 * `cheaperLongContextClasses`). All boxes empty: no tier.
 */
function readTier(
  input: PriceFormInput,
  price: ModelPrice,
  errors: FieldErrors,
): ModelPrice['longContext'] {
  const tier: Partial<Record<TierField, number>> = {};
  for (const field of TIER_FIELDS) {
    const value = parseAmount(input[tierInput(field)]);
    if (value === undefined) continue;
    if (Number.isNaN(value)) errors[tierInput(field)] = t('check.numberMin0');
    else tier[field] = value;
  }
  const thresholdText = input[TIER_THRESHOLD].trim();
  const priced = Object.keys(tier).length > 0;
  if (thresholdText === '' && !priced) return undefined;
  const aboveInputTokens = parseInteger(thresholdText);
  if (aboveInputTokens === undefined || aboveInputTokens < 1)
    errors[TIER_THRESHOLD] = t('check.tierThreshold');
  if (!priced) errors[tierInput('inputPerMillion')] ??= t('check.tierPrices');
  const own = resolveTokenPrices(price);
  const raised = resolveTokenPrices({ ...price, ...tier });
  for (const field of TIER_FIELDS) {
    if (raised[field] >= own[field]) continue;
    // A class left out follows the input price: the input box is where to raise it.
    const at = tier[field] !== undefined ? tierInput(field) : tierInput('inputPerMillion');
    errors[at] ??= t('check.tierBelow', { price: String(own[field]) });
  }
  return aboveInputTokens === undefined ? undefined : { aboveInputTokens, ...tier };
}

/** The fields a server error's `param` may land on. */
export const PRICE_FORM_FIELDS: readonly string[] = ['model', ...ALL_FIELDS, ...TIER_INPUTS];

export interface GroupRatioInput {
  group: string;
  ratio: string;
}

/** Reads the group form into `{group, ratio}` for PUT /api/prices/groups/:group. */
export function parseGroupRatioForm(
  input: GroupRatioInput,
): Parsed<{ group: string; ratio: number }> {
  const group = input.group.trim();
  const ratio = parseAmount(input.ratio);
  const errors = compactErrors({
    group:
      group === ''
        ? t('check.groupName')
        : group.length > 64
          ? t('check.atMost', { max: 64 })
          : undefined,
    ratio: ratio === undefined || Number.isNaN(ratio) ? t('check.numberMin0') : undefined,
  });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { group, ratio: ratio! } };
}
