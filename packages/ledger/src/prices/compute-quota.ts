import { LedgerError } from '../ledger-error';
import {
  addFractions,
  ceilToQuota,
  type Fraction,
  multiplyFractions,
  QUOTA_PER_UNIT,
  toFraction,
  ZERO,
} from '../quota';
import { type BillableUsage, type ModelPrice, pricingModeOf } from './model-price';
import { tokenPricesAt } from './token-prices';

const PER_MILLION = toFraction(1e-6);

/**
 * The quota a usage costs: the exact cost as a fraction, times the group ratio, rounded up
 * once. A non-zero cost is therefore never billed as 0 (One API also bills at least 1).
 */
export function computeQuota(
  price: ModelPrice,
  usage: BillableUsage,
  groupRatio: number,
  quotaPerUnit = QUOTA_PER_UNIT,
): number {
  checkUsage(usage);
  const group = toFraction(groupRatio);
  switch (pricingModeOf(price)) {
    case 'fixed':
      return ceilToQuota(
        multiplyFractions(fixedUsd(price, usage), toFraction(quotaPerUnit), group),
      );
    case 'direct':
      return ceilToQuota(
        multiplyFractions(directUsd(price, usage), toFraction(quotaPerUnit), group),
      );
    case 'ratio':
      return ceilToQuota(multiplyFractions(ratioQuota(price, usage), group));
    default:
      throw new LedgerError(
        'invalid_amount',
        'The price sets neither fixed prices, token prices nor a model ratio',
      );
  }
}

function fixedUsd(price: ModelPrice, usage: BillableUsage): Fraction {
  let usd = addTerm(ZERO, price.perRequest, 1);
  usd = addTerm(usd, price.perImage, usage.images ?? 0);
  usd = addTerm(usd, price.perAudioSecond, usage.audioSeconds ?? 0);
  return addTerm(usd, price.perCharacter, usage.characters ?? 0);
}

function directUsd(price: ModelPrice, usage: BillableUsage): Fraction {
  const prices = tokenPricesAt(price, usage.promptTokens);
  const cached = usage.cachedTokens ?? 0;
  const written = usage.cacheWriteTokens ?? 0;
  const writtenFor1h = Math.min(usage.cacheWrite1hTokens ?? 0, written);
  // Providers have been seen reporting cache counts above the prompt; never bill negative input.
  const uncached = Math.max(usage.promptTokens - cached - written, 0);
  const images = Math.min(usage.imageInputTokens ?? 0, uncached);
  let perMillion = addTerm(ZERO, prices.input, uncached - images);
  perMillion = addTerm(perMillion, prices.imageInput, images);
  perMillion = addTerm(perMillion, prices.cached, cached);
  perMillion = addTerm(perMillion, prices.cacheWrite, written - writtenFor1h);
  perMillion = addTerm(perMillion, prices.cacheWrite1h, writtenFor1h);
  perMillion = addTerm(perMillion, prices.output, usage.completionTokens);
  return multiplyFractions(perMillion, PER_MILLION);
}

/** One API: (prompt + completion x completionRatio) x modelRatio, in quota. */
function ratioQuota(price: ModelPrice, usage: BillableUsage): Fraction {
  const tokens = addFractions(
    toFraction(usage.promptTokens),
    multiplyFractions(toFraction(usage.completionTokens), toFraction(price.completionRatio ?? 1)),
  );
  return multiplyFractions(tokens, toFraction(price.modelRatio ?? 0));
}

// Terms are added one call each, not as an array of pairs: every hold and settlement prices
// a usage, and the arrays were a measurable share of the relay's allocations.
function addTerm(total: Fraction, unitPrice: number | undefined, count: number): Fraction {
  if (unitPrice === undefined || count === 0) return total;
  return addFractions(total, multiplyFractions(toFraction(unitPrice), toFraction(count)));
}

function checkUsage(usage: BillableUsage): void {
  // Every numeric field, billed or not (a provider's reasoning count rides along); for...in
  // rather than Object.entries, which allocated a pair per field on every hold and settlement.
  for (const name in usage) {
    if (!Object.hasOwn(usage, name)) continue;
    const value: unknown = usage[name as keyof BillableUsage];
    if (typeof value === 'number' && (!Number.isFinite(value) || value < 0)) {
      throw new LedgerError(
        'invalid_amount',
        `Usage ${name} must be a finite number >= 0, got ${value}`,
      );
    }
  }
}
