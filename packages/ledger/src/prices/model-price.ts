/**
 * What a model costs. Three ways to say it, and the first one set wins:
 * 1. fixed prices (`perRequest`, `perImage`, `perAudioSecond`, `perCharacter`), in USD;
 * 2. direct token prices (`inputPerMillion`, `outputPerMillion`, ...), in USD per 1M tokens;
 * 3. One API ratios (`modelRatio`, `completionRatio`).
 * Whichever is used, the user's group ratio multiplies the result.
 */
export interface ModelPrice {
  /** One API's model ratio: 1 = $0.002 per 1K prompt tokens, i.e. 1 quota per token. */
  readonly modelRatio?: number;
  /** One API's completion ratio: completion tokens cost this many prompt tokens. Default 1. */
  readonly completionRatio?: number;
  /** USD per 1M uncached input tokens. */
  readonly inputPerMillion?: number;
  /** USD per 1M output tokens (reasoning included). */
  readonly outputPerMillion?: number;
  /** USD per 1M input tokens read from the prompt cache. Default: `inputPerMillion`. */
  readonly cachedInputPerMillion?: number;
  /** USD per 1M input tokens written to the prompt cache. Default: `inputPerMillion`. */
  readonly cacheWritePerMillion?: number;
  /**
   * USD per 1M input tokens written to the prompt cache for one hour (Anthropic's 1-hour
   * TTL, 2x input where the 5-minute write is 1.25x). Default: `cacheWritePerMillion`.
   */
  readonly cacheWrite1hPerMillion?: number;
  /**
   * USD per 1M uncached input image tokens, where the provider counts them apart (OpenAI-style
   * `prompt_tokens_details.image_tokens`, Gemini's IMAGE `promptTokensDetails`). Default:
   * `inputPerMillion`.
   */
  readonly imageInputPerMillion?: number;
  /**
   * Dearer token prices for long prompts (Gemini 2.5 Pro, Claude Sonnet's 1M context: above
   * 200K input tokens): a request whose prompt is larger than `aboveInputTokens` has every
   * token priced at the tier's prices. A price the tier leaves out is the model's own.
   */
  readonly longContext?: LongContextPrices;
  /** USD per request, whatever it contains. */
  readonly perRequest?: number;
  /** USD per generated image. */
  readonly perImage?: number;
  /** USD per second of audio (transcription). */
  readonly perAudioSecond?: number;
  /** USD per input character (speech synthesis). */
  readonly perCharacter?: number;
}

/** The token prices of a model that a long-context tier may raise. */
export type TokenPrices = Pick<
  ModelPrice,
  | 'inputPerMillion'
  | 'outputPerMillion'
  | 'cachedInputPerMillion'
  | 'cacheWritePerMillion'
  | 'cacheWrite1hPerMillion'
  | 'imageInputPerMillion'
>;

export interface LongContextPrices extends TokenPrices {
  /**
   * The tier applies when the prompt (`promptTokens`: uncached, cache reads and cache writes)
   * is larger than this many tokens. A whole number above 0.
   */
  readonly aboveInputTokens: number;
}

/** What a request used, in the units prices are quoted in. */
export interface BillableUsage {
  /** Every input token: uncached, cache reads and cache writes (OpenAI's `prompt_tokens`). */
  readonly promptTokens: number;
  readonly completionTokens: number;
  /** Of `promptTokens`, read from the prompt cache. */
  readonly cachedTokens?: number;
  /** Of `promptTokens`, written to the prompt cache. */
  readonly cacheWriteTokens?: number;
  /** Of `cacheWriteTokens`, written for one hour (priced at `cacheWrite1hPerMillion`). */
  readonly cacheWrite1hTokens?: number;
  /**
   * Of the uncached input (`promptTokens` less cache reads and writes), the image tokens
   * (priced at `imageInputPerMillion`); image tokens read from the cache are cache reads.
   */
  readonly imageInputTokens?: number;
  readonly images?: number;
  readonly audioSeconds?: number;
  readonly characters?: number;
}

export type PricingMode = 'fixed' | 'direct' | 'ratio';

export function pricingModeOf(price: ModelPrice): PricingMode | undefined {
  if (
    price.perRequest !== undefined ||
    price.perImage !== undefined ||
    price.perAudioSecond !== undefined ||
    price.perCharacter !== undefined
  ) {
    return 'fixed';
  }
  if (price.inputPerMillion !== undefined || price.outputPerMillion !== undefined) return 'direct';
  if (price.modelRatio !== undefined) return 'ratio';
  return undefined;
}
