import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { afterEach, describe, expect, it } from 'vitest';
import { countAnthropicPromptTokens } from '../anthropic-ingress/read-anthropic-passthrough';
import { countPromptTokens, countTextTokens, useTokenCounter } from './count-tokens';

describe('token counting', () => {
  it('counts o200k tokens and treats special-token markers as text', async () => {
    expect(await countTextTokens('')).toBe(0);
    expect(await countTextTokens('Hello, world!')).toBe(4);
    expect(await countTextTokens('<|endoftext|>')).toBeGreaterThan(1);
  });

  it('counts long prose exactly as the tokenizer does on the whole text', async () => {
    const prose = 'The gateway relays the request to the first healthy channel.\n'.repeat(2_000);
    expect(await countTextTokens(prose)).toBe(countTokens(prose));
  });

  it('adds message framing, images and tools to the prompt count', async () => {
    const text = await countPromptTokens({
      model: 'm',
      messages: [{ role: 'user', content: 'Hello, world!' }],
    });
    expect(text).toBe(3 + 3 + 4);
    const withImage = await countPromptTokens({
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
    const withTools = await countPromptTokens({
      model: 'm',
      messages: [{ role: 'user', content: 'Hello, world!' }],
      tools: [{ type: 'function', function: { name: 'weather', parameters: { type: 'object' } } }],
    });
    expect(withTools).toBeGreaterThan(text);
  });

  it('lets other work run while it counts long words, and stays close to the whole count', async () => {
    // Random letters without a space: one word to the tokenizer, and no cache hits. Counted
    // whole, 200,000 of them hold the thread for many seconds.
    const word = pseudoRandomLetters(200_000);
    let ticks = 0;
    const probe = setInterval(() => ticks++, 1);
    const counted = await countTextTokens(word);
    clearInterval(probe);
    expect(ticks).toBeGreaterThan(0);
    expect(counted).toBeLessThanOrEqual(word.length);
    // A cut inside a word costs a token per piece at most.
    const short = word.slice(0, 10_000);
    const whole = countTokens(short);
    const inPieces = await countTextTokens(short);
    expect(Math.abs(inPieces - whole)).toBeLessThanOrEqual(Math.ceil(short.length / 256));
  });
});

describe('where tokens are counted', () => {
  afterEach(() => useTokenCounter(undefined));

  it('asks the counter in use, one call per count, and this thread again once it is unset', async () => {
    const asked: string[][] = [];
    useTokenCounter(async (texts) => {
      asked.push([...texts]);
      return 1_000;
    });
    expect(await countTextTokens('Hello, world!')).toBe(1_000);
    // Framing (3 per message, 3 for the reply) stays this side; the text goes to the counter.
    expect(
      await countPromptTokens({ model: 'm', messages: [{ role: 'user', content: 'Hi' }] }),
    ).toBe(3 + 3 + 1_000);
    // A passed-through prompt's texts go in one call, not one per text.
    await countAnthropicPromptTokens({
      system: 'Be terse.',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
    });
    expect(asked).toEqual([['Hello, world!'], ['Hi'], ['Be terse.', 'Hi']]);
    useTokenCounter(undefined);
    expect(await countTextTokens('Hello, world!')).toBe(4);
  });
});

function pseudoRandomLetters(length: number): string {
  let seed = 15;
  let text = '';
  for (let i = 0; i < length; i++) {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    text += String.fromCharCode(97 + (seed % 26));
  }
  return text;
}
