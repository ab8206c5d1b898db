import { LedgerError } from '../ledger-error';
import { QUOTA_PER_UNIT } from '../quota';
import { computeQuota } from './compute-quota';
import { DEFAULT_GROUP_RATIOS, DEFAULT_MODEL_PRICES } from './default-prices';
import { type BillableUsage, type ModelPrice, pricingModeOf } from './model-price';
import { cheaperLongContextClasses } from './token-prices';

export interface PriceTableOptions {
  /** Model name -> price. Default: `DEFAULT_MODEL_PRICES`. */
  readonly models?: Readonly<Record<string, ModelPrice>>;
  /** Group name -> ratio. Default: `DEFAULT_GROUP_RATIOS`. */
  readonly groups?: Readonly<Record<string, number>>;
  /**
   * The price of models missing from `models`. Unset (the default), such models are refused
   * with `price_not_found`: billing a guess is worse than a clear error.
   */
  readonly fallbackPrice?: ModelPrice;
  /** The ratio of groups missing from `groups`. Unset, they are refused with `group_not_found`. */
  readonly fallbackGroupRatio?: number;
  /** Quota per US dollar. Default One API's 500,000. */
  readonly quotaPerUnit?: number;
}

/** A model's price and a group's ratio as they stood when a request was admitted. */
export interface PriceTerms {
  readonly price: ModelPrice;
  readonly groupRatio: number;
}

/** Prices looked up by model and group, editable while the gateway runs. */
export interface PriceTable {
  priceOf(model: string): ModelPrice;
  groupRatioOf(group: string): number;
  /** The quota `usage` of `model` costs a member of `group`, rounded up. */
  quote(model: string, group: string, usage: BillableUsage): number;
  /** The terms in force now, so a request admitted now is billed on them after a price edit. */
  termsOf(model: string, group: string): PriceTerms;
  /** `quote` on terms taken earlier. */
  quoteOn(terms: PriceTerms, usage: BillableUsage): number;
  setModelPrice(model: string, price: ModelPrice): void;
  removeModelPrice(model: string): void;
  setGroupRatio(group: string, ratio: number): void;
  /** A copy of every model price, for the admin API. */
  listModelPrices(): Record<string, ModelPrice>;
}

export function createPriceTable(options: PriceTableOptions = {}): PriceTable {
  const models = new Map(Object.entries(options.models ?? DEFAULT_MODEL_PRICES));
  const groups = new Map(Object.entries(options.groups ?? DEFAULT_GROUP_RATIOS));
  const quotaPerUnit = options.quotaPerUnit ?? QUOTA_PER_UNIT;
  if (options.fallbackPrice) checkPrice('fallbackPrice', options.fallbackPrice);
  for (const [model, price] of models) checkPrice(model, price);

  const priceOf = (model: string): ModelPrice => {
    const price = models.get(model) ?? options.fallbackPrice;
    if (!price) {
      throw new LedgerError(
        'price_not_found',
        `The model ${model} has no price; an administrator must set one before it can be used`,
      );
    }
    return price;
  };

  const groupRatioOf = (group: string): number => {
    const ratio = groups.get(group) ?? options.fallbackGroupRatio;
    if (ratio === undefined) {
      throw new LedgerError('group_not_found', `The group ${group} has no ratio configured`);
    }
    return ratio;
  };

  return {
    priceOf,
    groupRatioOf,
    quote: (model, group, usage) =>
      computeQuota(priceOf(model), usage, groupRatioOf(group), quotaPerUnit),
    termsOf: (model, group) => ({ price: priceOf(model), groupRatio: groupRatioOf(group) }),
    quoteOn: (terms, usage) => computeQuota(terms.price, usage, terms.groupRatio, quotaPerUnit),
    setModelPrice(model, price) {
      checkPrice(model, price);
      models.set(model, price);
    },
    removeModelPrice: (model) => void models.delete(model),
    setGroupRatio(group, ratio) {
      if (!Number.isFinite(ratio) || ratio < 0) {
        throw new LedgerError('invalid_amount', `Group ratio must be >= 0, got ${ratio}`);
      }
      groups.set(group, ratio);
    },
    listModelPrices: () => Object.fromEntries(models),
  };
}

function checkPrice(model: string, price: ModelPrice): void {
  if (!pricingModeOf(price)) {
    throw new LedgerError(
      'invalid_amount',
      `The price of ${model} sets neither fixed prices, token prices nor a model ratio`,
    );
  }
  const { longContext, ...flat } = price;
  checkAmounts(model, flat);
  if (longContext === undefined) return;
  const { aboveInputTokens, ...tier } = longContext;
  if (!Number.isSafeInteger(aboveInputTokens) || aboveInputTokens <= 0) {
    throw new LedgerError(
      'invalid_amount',
      `${model}.longContext.aboveInputTokens must be a whole number above 0`,
    );
  }
  checkAmounts(`${model}.longContext`, tier);
  const cheaper = cheaperLongContextClasses(price);
  if (cheaper.length > 0) {
    throw new LedgerError(
      'invalid_amount',
      `${model}.longContext must not price ${cheaper.join(', ')} below the model's own price`,
    );
  }
}

function checkAmounts(path: string, amounts: object): void {
  for (const [field, value] of Object.entries(amounts)) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new LedgerError('invalid_amount', `${path}.${field} must be a number >= 0`);
    }
  }
}
