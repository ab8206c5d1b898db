import type { ModelPrice } from './model-price';

/** When the list prices below were copied from the providers' pricing pages. */
export const DEFAULT_PRICES_AS_OF = '2025-08';

const tokens = (
  inputPerMillion: number,
  outputPerMillion: number,
  cachedInputPerMillion?: number,
  cacheWritePerMillion?: number,
  cacheWrite1hPerMillion?: number,
): ModelPrice => ({
  inputPerMillion,
  outputPerMillion,
  ...(cachedInputPerMillion !== undefined && { cachedInputPerMillion }),
  ...(cacheWritePerMillion !== undefined && { cacheWritePerMillion }),
  ...(cacheWrite1hPerMillion !== undefined && { cacheWrite1hPerMillion }),
});

/** Above 200K input tokens, Claude Sonnet 4 and 4.5 (1M context) bill every token at these. */
const SONNET_LONG_CONTEXT = {
  aboveInputTokens: 200_000,
  inputPerMillion: 6,
  outputPerMillion: 22.5,
  cachedInputPerMillion: 0.6,
  cacheWritePerMillion: 7.5,
  cacheWrite1hPerMillion: 12,
};

/**
 * List prices (USD) of well-known models of the supported providers. A starting point the
 * operator edits: prices change, and a model missing here is refused, never guessed.
 * Gemini 2.5 Pro and Claude Sonnet 4 / 4.5 carry their prices above 200K input tokens.
 */
export const DEFAULT_MODEL_PRICES: Readonly<Record<string, ModelPrice>> = {
  // OpenAI
  'gpt-5': tokens(1.25, 10, 0.125),
  'gpt-5-mini': tokens(0.25, 2, 0.025),
  'gpt-5-nano': tokens(0.05, 0.4, 0.005),
  'gpt-4.1': tokens(2, 8, 0.5),
  'gpt-4.1-mini': tokens(0.4, 1.6, 0.1),
  'gpt-4.1-nano': tokens(0.1, 0.4, 0.025),
  'gpt-4o': tokens(2.5, 10, 1.25),
  'gpt-4o-mini': tokens(0.15, 0.6, 0.075),
  'gpt-4-turbo': tokens(10, 30),
  'gpt-3.5-turbo': tokens(0.5, 1.5),
  o1: tokens(15, 60, 7.5),
  o3: tokens(2, 8, 0.5),
  'o3-mini': tokens(1.1, 4.4, 0.55),
  'o4-mini': tokens(1.1, 4.4, 0.275),
  'gpt-3.5-turbo-instruct': tokens(1.5, 2),
  'text-embedding-3-small': tokens(0.02, 0),
  'text-embedding-3-large': tokens(0.13, 0),
  'text-embedding-ada-002': tokens(0.1, 0),
  'dall-e-3': { perImage: 0.04 },
  'dall-e-2': { perImage: 0.02 },
  // gpt-image-1 reports tokens; images are priced through its output tokens, and input
  // images (edits) at their own price.
  'gpt-image-1': { ...tokens(5, 40, 1.25), imageInputPerMillion: 10 },
  'whisper-1': { perAudioSecond: 0.0001 },
  'gpt-4o-transcribe': tokens(2.5, 10),
  'gpt-4o-mini-transcribe': tokens(1.25, 5),
  'tts-1': { perCharacter: 0.000015 },
  'tts-1-hd': { perCharacter: 0.00003 },
  // OpenAI does not charge for moderation.
  'omni-moderation-latest': { perRequest: 0 },
  'text-moderation-latest': { perRequest: 0 },
  // Anthropic: cache reads at 0.1x input, 5-minute cache writes at 1.25x, 1-hour ones at 2x.
  'claude-opus-4-1': tokens(15, 75, 1.5, 18.75, 30),
  'claude-opus-4-0': tokens(15, 75, 1.5, 18.75, 30),
  'claude-sonnet-4-5': { ...tokens(3, 15, 0.3, 3.75, 6), longContext: SONNET_LONG_CONTEXT },
  'claude-sonnet-4-0': { ...tokens(3, 15, 0.3, 3.75, 6), longContext: SONNET_LONG_CONTEXT },
  'claude-3-7-sonnet-latest': tokens(3, 15, 0.3, 3.75, 6),
  'claude-3-5-sonnet-latest': tokens(3, 15, 0.3, 3.75, 6),
  'claude-3-5-haiku-latest': tokens(0.8, 4, 0.08, 1, 1.6),
  'claude-3-haiku-20240307': tokens(0.25, 1.25, 0.03, 0.3, 0.5),
  // Google Gemini
  'gemini-2.5-pro': {
    ...tokens(1.25, 10, 0.31),
    longContext: {
      aboveInputTokens: 200_000,
      inputPerMillion: 2.5,
      outputPerMillion: 15,
      cachedInputPerMillion: 0.625,
    },
  },
  'gemini-2.5-flash': tokens(0.3, 2.5, 0.075),
  'gemini-2.5-flash-lite': tokens(0.1, 0.4, 0.025),
  'gemini-2.0-flash': tokens(0.1, 0.4, 0.025),
  'gemini-1.5-pro': tokens(1.25, 5),
  'gemini-1.5-flash': tokens(0.075, 0.3),
  // Cohere
  'command-a-03-2025': tokens(2.5, 10),
  'command-r-plus': tokens(2.5, 10),
  'command-r': tokens(0.15, 0.6),
  // Mistral
  'mistral-large-latest': tokens(2, 6),
  'mistral-small-latest': tokens(0.1, 0.3),
  // DeepSeek
  'deepseek-chat': tokens(0.27, 1.1, 0.07),
  'deepseek-reasoner': tokens(0.55, 2.19, 0.14),
  // Alibaba DashScope (international)
  'qwen-max': tokens(1.6, 6.4),
  'qwen-plus': tokens(0.4, 1.2),
  'qwen-turbo': tokens(0.05, 0.2),
};

/** One API's default groups, all at ratio 1. */
export const DEFAULT_GROUP_RATIOS: Readonly<Record<string, number>> = {
  default: 1,
  vip: 1,
  svip: 1,
};
