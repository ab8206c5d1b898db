/** One US dollar buys this much quota (the ledger's QUOTA_PER_UNIT). */
export const QUOTA_PER_USD = 500_000;

const number = new Intl.NumberFormat('en-US');
const usd = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  maximumFractionDigits: 4,
});

/** `1,234,567 (≈ $2.4691)`. */
export function formatQuota(quota: number): string {
  return `${number.format(quota)} (≈ ${usd.format(quota / QUOTA_PER_USD)})`;
}

export const formatCount = (count: number) => number.format(count);

/** A timestamp in ms as a short local date and time, or a dash. */
export function formatDate(ms: number | null): string {
  return ms === null ? '—' : new Date(ms).toLocaleString();
}

/** A duration in ms, or a dash when it was not measured. */
export function formatMs(ms: number | null): string {
  return ms === null ? '—' : `${number.format(ms)} ms`;
}

/** US dollars: `$0.0123`. */
export const formatDollars = (dollars: number) => usd.format(dollars);

/** Quota as US dollars only: `$0.0123`. */
export const formatUsd = (quota: number) => formatDollars(quota / QUOTA_PER_USD);

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/** A count for an axis label: `950`, `1.2K`, `3M`. */
export const formatCompact = (count: number) => compact.format(count);

/**
 * Money in a vendor's currency (a channel's balance): `CN¥110.00`. An unknown currency code
 * would make Intl throw, so it is then written out: `110 XYZ`.
 */
export function formatMoney(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(amount);
  } catch {
    return `${number.format(amount)} ${currency}`;
  }
}
