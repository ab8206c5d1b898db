import { getLocale, INTL_LOCALES, type Locale } from '../i18n/locale-store';

/** One US dollar buys this much quota (the ledger's QUOTA_PER_UNIT). */
export const QUOTA_PER_USD = 500_000;

// Intl formatters are costly to build: one of each per language and options.
const formatters = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: Locale, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${locale} ${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.NumberFormat(INTL_LOCALES[locale], options);
    formatters.set(key, format);
  }
  return format;
}

const USD: Intl.NumberFormatOptions = {
  style: 'currency',
  currency: 'USD',
  maximumFractionDigits: 4,
};

/** `1,234,567 (≈ $2.4691)`. */
export function formatQuota(quota: number, locale = getLocale()): string {
  return `${formatCount(quota, locale)} (≈ ${formatUsd(quota, locale)})`;
}

export const formatCount = (count: number, locale = getLocale()) =>
  numberFormat(locale).format(count);

/** A timestamp in ms as a short local date and time, or a dash. */
export function formatDate(ms: number | null, locale = getLocale()): string {
  return ms === null ? '—' : new Date(ms).toLocaleString(INTL_LOCALES[locale]);
}

/** A duration in ms, or a dash when it was not measured. */
export function formatMs(ms: number | null, locale = getLocale()): string {
  return ms === null ? '—' : `${formatCount(ms, locale)} ms`;
}

/** US dollars: `$0.0123` (`US$0.0123` in Chinese, where `$` alone is ambiguous). */
export const formatDollars = (dollars: number, locale = getLocale()) =>
  numberFormat(locale, USD).format(dollars);

/** Quota as US dollars only: `$0.0123`. */
export const formatUsd = (quota: number, locale = getLocale()) =>
  formatDollars(quota / QUOTA_PER_USD, locale);

/** A count for an axis label: `950`, `1.2K`, `3M` (`1.2万` in Chinese). */
export const formatCompact = (count: number, locale = getLocale()) =>
  numberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(count);

/**
 * Money in a vendor's currency (a channel's balance): `CN¥110.00`. An unknown currency code
 * would make Intl throw, so it is then written out: `110 XYZ`.
 */
export function formatMoney(amount: number, currency: string, locale = getLocale()): string {
  try {
    return numberFormat(locale, { style: 'currency', currency }).format(amount);
  } catch {
    return `${formatCount(amount, locale)} ${currency}`;
  }
}
