import { describe, expect, it } from 'vitest';
import { toOpenAIUsage } from '../../spec/usage';
import { readFixture } from '../../testing/fixtures';
import { fromOpenAIUsage } from './openai-usage';

const xaiText = JSON.parse(
  readFixture(new URL('./__fixtures__/xai/chat-text.json', import.meta.url)),
) as { usage: Record<string, unknown> };

describe('fromOpenAIUsage', () => {
  it('reads cache reads and reasoning, and no image tokens where there were none (xai/chat-text)', () => {
    expect(fromOpenAIUsage(xaiText.usage)).toEqual({
      promptTokens: 12,
      completionTokens: 1,
      cachedTokens: 2,
      reasoningTokens: 228,
    });
  });

  it('reads image input tokens where the vendor counts them apart', () => {
    // The recorded usage changed to a prompt with an image (constructed: its details split
    // text and image tokens, as the recorded one does with 0 image tokens).
    const withImage = {
      ...xaiText.usage,
      prompt_tokens: 268,
      prompt_tokens_details: { text_tokens: 12, image_tokens: 256, cached_tokens: 0 },
    };
    const usage = fromOpenAIUsage(withImage);
    expect(usage).toMatchObject({ promptTokens: 268, cachedTokens: 0, imageInputTokens: 256 });
    // Written back to OpenAI's shape (a buffered answer) and read again, nothing is lost.
    expect(fromOpenAIUsage(toOpenAIUsage(usage!))).toEqual(usage);
  });

  it('adds the reasoning tokens a vendor leaves out of completion_tokens (xAI)', () => {
    // 12 + 1 + 228 = total_tokens 241: Grok's reasoning is not in completion_tokens.
    expect(fromOpenAIUsage(xaiText.usage, { reasoningTokensApart: true })).toEqual({
      promptTokens: 12,
      completionTokens: 1 + 228,
      cachedTokens: 2,
      reasoningTokens: 228,
    });
  });

  it('keeps cache writes and their one-hour share through the OpenAI shape', () => {
    // Anthropic's recorded cache usage (messages-cache-usage.json), 100 of its writes for 1h.
    const usage = {
      promptTokens: 1532,
      completionTokens: 33,
      cachedTokens: 1111,
      cacheWriteTokens: 418,
      cacheWrite1hTokens: 100,
    };
    expect(toOpenAIUsage(usage).prompt_tokens_details).toEqual({
      cached_tokens: 1111,
      cache_write_tokens: 418,
      cache_creation_token_details: {
        ephemeral_5m_input_tokens: 318,
        ephemeral_1h_input_tokens: 100,
      },
    });
    expect(fromOpenAIUsage(toOpenAIUsage(usage))).toEqual(usage);
  });

  it('reads cache writes and their one-hour share as LiteLLM reports them', () => {
    const litellm = {
      prompt_tokens: 1532,
      completion_tokens: 33,
      total_tokens: 1565,
      prompt_tokens_details: {
        cached_tokens: 1111,
        cache_creation_tokens: 418,
        cache_creation_token_details: {
          ephemeral_5m_input_tokens: 318,
          ephemeral_1h_input_tokens: 100,
        },
      },
    };
    expect(fromOpenAIUsage(litellm)).toEqual({
      promptTokens: 1532,
      completionTokens: 33,
      cachedTokens: 1111,
      cacheWriteTokens: 418,
      cacheWrite1hTokens: 100,
    });
  });
});
