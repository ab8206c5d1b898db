import type { ModelPrice } from '../api/price-types';
import { type MessageKey, t } from '../i18n/t';
import { MODE_FIELDS, type PriceField, type PricingMode, pricingModeOf } from './model-price';
import { compactErrors, type FieldErrors, type Parsed } from './validation';

/** The price form as typed: the model, the mode, and one text box per price field. */
export type PriceFormInput = { model: string; mode: PricingMode } & Record<PriceField, string>;

const ALL_FIELDS = Object.values(MODE_FIELDS).flat();

/** Prefills the form from a price (its billing mode's fields), or empty for a new one. */
export function toPriceForm(model: string, price: ModelPrice | null): PriceFormInput {
  const mode = (price && pricingModeOf(price)) ?? 'tokens';
  const amounts = Object.fromEntries(
    ALL_FIELDS.map((field) => {
      const value = MODE_FIELDS[mode].includes(field) ? price?.[field] : undefined;
      return [field, value === undefined ? '' : String(value)];
    }),
  ) as Record<PriceField, string>;
  return { model, mode, ...amounts };
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
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { model, price } };
}

/** The fields a server error's `param` may land on. */
export const PRICE_FORM_FIELDS: readonly string[] = ['model', ...ALL_FIELDS];

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
