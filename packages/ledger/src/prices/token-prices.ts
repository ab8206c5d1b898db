import type { ModelPrice } from './model-price';

/** Every token class's price in USD per 1M tokens, defaults resolved. */
export interface EffectiveTokenPrices {
  readonly input: number;
  readonly output: number;
  readonly cached: number;
  readonly cacheWrite: number;
  readonly cacheWrite1h: number;
  readonly imageInput: number;
}

/**
 * The token prices a request with `promptTokens` of input pays: the model's, or its
 * long-context tier's above the tier's threshold (every token of the request, as Google and
 * Anthropic bill it). Unset classes fall back as `ModelPrice` documents.
 */
export function tokenPricesAt(price: ModelPrice, promptTokens: number): EffectiveTokenPrices {
  const { longContext } = price;
  const applied =
    longContext !== undefined && promptTokens > longContext.aboveInputTokens
      ? { ...price, ...longContext }
      : price;
  return resolveTokenPrices(applied);
}

export function resolveTokenPrices(price: ModelPrice): EffectiveTokenPrices {
  const input = price.inputPerMillion ?? 0;
  const cacheWrite = price.cacheWritePerMillion ?? input;
  return {
    input,
    output: price.outputPerMillion ?? 0,
    cached: price.cachedInputPerMillion ?? input,
    cacheWrite,
    cacheWrite1h: price.cacheWrite1hPerMillion ?? cacheWrite,
    imageInput: price.imageInputPerMillion ?? input,
  };
}

/**
 * The token classes whose long-context price is below the model's own: none may be, or a
 * hold priced above the threshold could fall short of a settlement below it.
 */
export function cheaperLongContextClasses(price: ModelPrice): string[] {
  if (!price.longContext) return [];
  const base = resolveTokenPrices(price);
  const tier = resolveTokenPrices({ ...price, ...price.longContext });
  return (Object.keys(base) as (keyof EffectiveTokenPrices)[]).filter(
    (name) => tier[name] < base[name],
  );
}
