import { LedgerError } from './ledger-error';

/*
 * Quota arithmetic. Quota is an integer; prices and ratios are decimals. Every decimal is
 * turned into an exact fraction of BigInts (0.075 -> 75/1000), the whole cost is summed as
 * one fraction, and it is rounded up once at the end, as One API rounds (math.Ceil).
 * Floating point never touches a balance.
 */

/** One API's QuotaPerUnit: this much quota is one US dollar. */
export const QUOTA_PER_UNIT = 500_000;

/** An exact non-negative rational number. */
export interface Fraction {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

export const ZERO: Fraction = { numerator: 0n, denominator: 1n };

/** The exact value of a decimal as written (its shortest round-trip form): 0.1 is 1/10. */
export function toFraction(value: number): Fraction {
  if (!Number.isFinite(value) || value < 0) {
    throw new LedgerError(
      'invalid_amount',
      `A price or ratio must be a finite number >= 0, got ${value}`,
    );
  }
  // Token counts, every settlement: no need to go through the decimal text.
  if (Number.isSafeInteger(value)) return { numerator: BigInt(value), denominator: 1n };
  // Prices and ratios: a few distinct values, each parsed on every hold and settlement.
  const known = decimalFractions.get(value);
  if (known) return known;
  if (decimalFractions.size >= MAX_DECIMAL_FRACTIONS) decimalFractions.clear();
  const fraction = decimalToFraction(value);
  decimalFractions.set(value, fraction);
  return fraction;
}

/** Bounds the memo whatever the prices: a table of thousands of models still fits. */
const MAX_DECIMAL_FRACTIONS = 4096;
const decimalFractions = new Map<number, Fraction>();

function decimalToFraction(value: number): Fraction {
  const [mantissa = '0', exponentText = '0'] = String(value).toLowerCase().split('e');
  const [whole = '0', decimals = ''] = mantissa.split('.');
  const exponent = Number(exponentText) - decimals.length;
  const digits = BigInt(whole + decimals);
  return exponent >= 0
    ? { numerator: digits * 10n ** BigInt(exponent), denominator: 1n }
    : { numerator: digits, denominator: 10n ** BigInt(-exponent) };
}

export function addFractions(left: Fraction, right: Fraction): Fraction {
  if (left.denominator === right.denominator) {
    return { numerator: left.numerator + right.numerator, denominator: left.denominator };
  }
  return {
    numerator: left.numerator * right.denominator + right.numerator * left.denominator,
    denominator: left.denominator * right.denominator,
  };
}

export function multiplyFractions(...factors: readonly Fraction[]): Fraction {
  return factors.reduce(
    (product, factor) => ({
      numerator: product.numerator * factor.numerator,
      denominator: product.denominator * factor.denominator,
    }),
    { numerator: 1n, denominator: 1n },
  );
}

/** Rounds up to a whole quota; refuses results JavaScript cannot hold exactly. */
export function ceilToQuota(value: Fraction): number {
  const { numerator, denominator } = value;
  const quotient = numerator / denominator + (numerator % denominator === 0n ? 0n : 1n);
  if (quotient > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new LedgerError('invalid_amount', `Quota ${quotient} exceeds the largest safe integer`);
  }
  return Number(quotient);
}

/** Quota worth `usd` dollars, rounded up. */
export const usdToQuota = (usd: number, quotaPerUnit = QUOTA_PER_UNIT): number =>
  ceilToQuota(multiplyFractions(toFraction(usd), toFraction(quotaPerUnit)));

/** Dollars for display only: never feed this back into a balance. */
export const quotaToUsd = (quota: number, quotaPerUnit = QUOTA_PER_UNIT): number =>
  quota / quotaPerUnit;

/** Refuses anything but a whole, safe, non-negative quota. */
export function checkQuotaAmount(amount: number, what: string): void {
  if (!Number.isSafeInteger(amount) || amount < 0) {
    throw new LedgerError('invalid_amount', `${what} must be a whole quota >= 0, got ${amount}`);
  }
}
