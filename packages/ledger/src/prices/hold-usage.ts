import type { BillableUsage, ModelPrice } from './model-price';
import { type EffectiveTokenPrices, tokenPricesAt } from './token-prices';

/**
 * The usage a reservation is priced on: its token bounds, with every prompt token put in
 * the dearest input class the price has. The tokenizer cannot tell which prompt tokens the
 * provider will bill as cache reads, cache writes or image tokens, and a cache write can cost
 * more than plain input (Anthropic's is 1.25x), so pricing the prompt as uncached would let a
 * settlement exceed its hold. Priced this way, any usage within the bounds, however it is
 * split between the classes, costs at most the hold (every price is >= 0 and the quote is
 * rounded up once). One-hour cache writes (2x input at Anthropic) are the dearest class when
 * priced. The classes are compared at the prices of the bound's size: a long-context tier,
 * never cheaper than the model's own prices (the price table refuses one that is), applies to
 * the hold whenever a settlement could reach it.
 */
export function toHoldUsage(price: ModelPrice, bounds: BillableUsage): BillableUsage {
  const dearestClass = dearestPromptClass(tokenPricesAt(price, bounds.promptTokens));
  const all = bounds.promptTokens;
  // One literal of one shape whatever the class: spreads of the caller's bounds went
  // megamorphic on the hold path (4% of the ledger bench's busy time in this function).
  return {
    promptTokens: all,
    completionTokens: bounds.completionTokens,
    cachedTokens: dearestClass === 'cached' ? all : 0,
    cacheWriteTokens: dearestClass === 'cacheWrite' || dearestClass === 'cacheWrite1h' ? all : 0,
    cacheWrite1hTokens: dearestClass === 'cacheWrite1h' ? all : 0,
    imageInputTokens: dearestClass === 'imageInput' ? all : 0,
    images: bounds.images,
    audioSeconds: bounds.audioSeconds,
    characters: bounds.characters,
    // Every field named, so a count added to BillableUsage fails to compile until the hold
    // carries it (a spread carried it unseen; a literal would drop it).
  } satisfies Record<keyof BillableUsage, unknown>;
}

type PromptClass = 'input' | 'cached' | 'cacheWrite' | 'cacheWrite1h' | 'imageInput';

/** The input class the whole prompt bound is priced in; on a tie, the first in this order. */
function dearestPromptClass(prices: EffectiveTokenPrices): PromptClass {
  const dearest = Math.max(
    prices.input,
    prices.cached,
    prices.cacheWrite,
    prices.cacheWrite1h,
    prices.imageInput,
  );
  if (dearest === prices.input) return 'input';
  if (dearest === prices.cacheWrite1h) return 'cacheWrite1h';
  if (dearest === prices.cacheWrite) return 'cacheWrite';
  if (dearest === prices.imageInput) return 'imageInput';
  return 'cached';
}
