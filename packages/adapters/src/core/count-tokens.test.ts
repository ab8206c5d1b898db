import { describe, expect, it } from 'vitest';
import { countTextTokens, estimatePromptTokens } from './count-tokens';

describe('token counting', () => {
  it('counts o200k tokens and treats special-token markers as text', () => {
    expect(countTextTokens('')).toBe(0);
    expect(countTextTokens('Hello, world!')).toBe(4);
    expect(countTextTokens('<|endoftext|>')).toBeGreaterThan(1);
  });

  it('adds message framing, images and tools to the prompt estimate', () => {
    const text = estimatePromptTokens({
      model: 'm',
      messages: [{ role: 'user', content: 'Hello, world!' }],
    });
    expect(text).toBe(3 + 3 + 4);
    const withImage = estimatePromptTokens({
      model: 'm',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Hello, world!' },
            { type: 'image_url', image_url: { url: 'https://x/y.png', detail: 'high' } },
          ],
        },
      ],
    });
    expect(withImage).toBe(text + 765);
    const withTools = estimatePromptTokens({
      model: 'm',
      messages: [{ role: 'user', content: 'Hello, world!' }],
      tools: [{ type: 'function', function: { name: 'weather', parameters: { type: 'object' } } }],
    });
    expect(withTools).toBeGreaterThan(text);
  });
});
