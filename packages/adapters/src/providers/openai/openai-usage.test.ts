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
});
