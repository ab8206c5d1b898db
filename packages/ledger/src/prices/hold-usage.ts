import type { BillableUsage, ModelPrice } from './model-price';

/**
 * The usage a reservation is priced on: its token bounds, with every prompt token put in
 * the dearest input class the price has. The tokenizer cannot tell which prompt tokens the
 * provider will bill as cache reads or cache writes, and a cache write can cost more than
 * plain input (Anthropic's is 1.25x), so pricing the prompt as uncached would let a
 * settlement exceed its hold. Priced this way, any usage within the bounds, however it is
 * split between uncached, cached and written, costs at most the hold (every price is >= 0
 * and the quote is rounded up once). One-hour cache writes (2x input at Anthropic) are the
 * dearest class when priced.
 */
export function toHoldUsage(price: ModelPrice, bounds: BillableUsage): BillableUsage {
  const input = price.inputPerMillion ?? 0;
  const cached = price.cachedInputPerMillion ?? input;
  const written = price.cacheWritePerMillion ?? input;
  const writtenFor1h = price.cacheWrite1hPerMillion ?? written;
  const uncached = { ...bounds, cachedTokens: 0, cacheWriteTokens: 0, cacheWrite1hTokens: 0 };
  const all = bounds.promptTokens;
  if (writtenFor1h > input && writtenFor1h > written && writtenFor1h >= cached)
    return { ...uncached, cacheWriteTokens: all, cacheWrite1hTokens: all };
  if (written > input && written >= cached) return { ...uncached, cacheWriteTokens: all };
  if (cached > input) return { ...uncached, cachedTokens: all };
  return uncached;
}
