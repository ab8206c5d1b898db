import { describe, expect, it } from 'vitest';
import { readFixture } from '../../testing/fixtures';
import { geminiResponseSchema } from './gemini-api';
import { toGeminiUsage } from './to-gemini-usage';

const textAnswer = geminiResponseSchema.parse(
  JSON.parse(readFixture(new URL('./__fixtures__/generateContent-text.json', import.meta.url))),
);

describe('toGeminiUsage', () => {
  it('counts no image tokens for a text prompt (generateContent-text)', () => {
    const usage = toGeminiUsage(textAnswer.usageMetadata!);
    expect(usage.imageInputTokens).toBeUndefined();
    expect(usage.promptTokens).toBe(9);
  });

  it('adds up the IMAGE entries of promptTokensDetails as image input tokens', () => {
    // Constructed: the recorded metadata for a prompt with two images (Gemini lists the
    // prompt tokens by modality, as the recorded one does for TEXT).
    const usage = toGeminiUsage({
      ...textAnswer.usageMetadata,
      promptTokenCount: 1_041,
      promptTokensDetails: [
        { modality: 'TEXT', tokenCount: 9 },
        { modality: 'IMAGE', tokenCount: 258 },
        { modality: 'IMAGE', tokenCount: 774 },
      ],
    });
    expect(usage).toMatchObject({ promptTokens: 1_041, imageInputTokens: 1_032 });
  });
});
