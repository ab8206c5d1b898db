/** Token counts of one response, normalized across providers. */
export interface Usage {
  /** Input tokens billed at the normal rate plus cached ones: OpenAI's `prompt_tokens`. */
  promptTokens: number;
  /** Output tokens, reasoning included: OpenAI's `completion_tokens`. */
  completionTokens: number;
  /** Of `promptTokens`, how many were read from the provider's prompt cache. */
  cachedTokens?: number;
  /** Input tokens written to the prompt cache (Anthropic's cache_creation_input_tokens). */
  cacheWriteTokens?: number;
  /**
   * Of `cacheWriteTokens`, how many were written with a one-hour lifetime (Anthropic's
   * `cache_creation.ephemeral_1h_input_tokens`, priced higher); the rest are 5-minute writes.
   */
  cacheWrite1hTokens?: number;
  /**
   * Of `promptTokens`, the image tokens, where the provider counts them apart (OpenAI-style
   * `prompt_tokens_details.image_tokens`, Gemini's IMAGE `promptTokensDetails`): a model may
   * price them apart.
   */
  imageInputTokens?: number;
  /** Of `completionTokens`, how many were reasoning. */
  reasoningTokens?: number;
  /** True when the counts come from the local tokenizer because the provider reported none. */
  estimated?: boolean;
}

export function toOpenAIUsage(usage: Usage) {
  return {
    prompt_tokens: usage.promptTokens,
    completion_tokens: usage.completionTokens,
    total_tokens: usage.promptTokens + usage.completionTokens,
    ...((usage.cachedTokens !== undefined ||
      usage.imageInputTokens !== undefined ||
      usage.cacheWriteTokens !== undefined) && {
      prompt_tokens_details: {
        ...(usage.cachedTokens !== undefined && { cached_tokens: usage.cachedTokens }),
        ...(usage.imageInputTokens !== undefined && { image_tokens: usage.imageInputTokens }),
        // Cache writes are priced apart: a buffered answer is billed from this object.
        ...(usage.cacheWriteTokens !== undefined && { cache_write_tokens: usage.cacheWriteTokens }),
        // Their one-hour share (priced higher), as LiteLLM reports it: nested, in Anthropic's names.
        ...(usage.cacheWriteTokens !== undefined &&
          usage.cacheWrite1hTokens !== undefined && {
            cache_creation_token_details: {
              ephemeral_5m_input_tokens: usage.cacheWriteTokens - usage.cacheWrite1hTokens,
              ephemeral_1h_input_tokens: usage.cacheWrite1hTokens,
            },
          }),
      },
    }),
    ...(usage.reasoningTokens !== undefined && {
      completion_tokens_details: { reasoning_tokens: usage.reasoningTokens },
    }),
  };
}
