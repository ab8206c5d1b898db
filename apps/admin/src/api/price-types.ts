/** The shapes of GET /api/prices (see apps/gateway/src/routes/admin/prices-routes.ts). */

/**
 * What a model costs (the ledger's ModelPrice). Three modes, and the first one set wins:
 * fixed USD prices, token prices in USD per 1M tokens, or One API's ratios.
 */
export interface ModelPrice {
  /** One API's model ratio: 1 = $0.002 per 1K prompt tokens. */
  readonly modelRatio?: number;
  /** Completion tokens cost this many prompt tokens (default 1). */
  readonly completionRatio?: number;
  /** USD per 1M uncached input tokens. */
  readonly inputPerMillion?: number;
  /** USD per 1M output tokens. */
  readonly outputPerMillion?: number;
  /** USD per 1M input tokens read from the prompt cache (default: the input price). */
  readonly cachedInputPerMillion?: number;
  /** USD per 1M input tokens written to the prompt cache (default: the input price). */
  readonly cacheWritePerMillion?: number;
  /** USD per 1M input tokens written to the cache for one hour (default: the cache-write price). */
  readonly cacheWrite1hPerMillion?: number;
  /** USD per 1M uncached input image tokens, where the provider counts them (default: input). */
  readonly imageInputPerMillion?: number;
  /** Dearer token prices for every token of a request whose prompt is above a size. */
  readonly longContext?: LongContextPrices;
  /** USD per request. */
  readonly perRequest?: number;
  /** USD per generated image. */
  readonly perImage?: number;
  /** USD per second of audio. */
  readonly perAudioSecond?: number;
  /** USD per input character. */
  readonly perCharacter?: number;
}

/** A long-context tier: token prices (USD per 1M) above `aboveInputTokens` prompt tokens. */
export interface LongContextPrices {
  /** A whole number above 0: the tier applies to prompts larger than this. */
  readonly aboveInputTokens: number;
  readonly inputPerMillion?: number;
  readonly outputPerMillion?: number;
  readonly cachedInputPerMillion?: number;
  readonly cacheWritePerMillion?: number;
  readonly cacheWrite1hPerMillion?: number;
  readonly imageInputPerMillion?: number;
}

export interface ModelPriceRow {
  readonly model: string;
  /** The price in effect; null once an override of an unlisted model is removed. */
  readonly price: ModelPrice | null;
  /** An admin set this price. */
  readonly overridden: boolean;
  /** The shipped list price, or null for a model the gateway does not list. */
  readonly default: ModelPrice | null;
}

export interface GroupRatioRow {
  readonly group: string;
  /** Multiplies every price for the group's users; null if the ledger has none. */
  readonly ratio: number | null;
  readonly overridden: boolean;
  readonly default: number | null;
}

export interface PriceList {
  /** When the shipped list prices were copied (`2025-08`). */
  readonly defaultsAsOf: string;
  readonly models: ModelPriceRow[];
  readonly groups: GroupRatioRow[];
}
