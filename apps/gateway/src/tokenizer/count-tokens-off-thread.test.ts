import { countTokensInThisThread } from '@oneapi/adapters/tokenizer';
import { describe, expect, it } from 'vitest';
import { isTokenWorkerRunning, offThreadTokenCounter } from './count-tokens-off-thread';

/** Texts the tokenizer treats differently: prose, CJK, emoji, special-token markers, a word
 * longer than the pieces the count cuts text into, and nothing. */
const TEXTS = [
  'The gateway relays the request to the first healthy channel.\n'.repeat(300),
  '東京の天気は晴れです。明日は雨が降るでしょう。'.repeat(40),
  '🙂👍🏽 family: 👨‍👩‍👧‍👦',
  'Plain text: <|endoftext|> and <|fim_prefix|>',
  'qwertyuiopasdfghjklzxcvbnm'.repeat(100),
  '',
];

describe('counting tokens in a worker thread', () => {
  it('starts no worker until a count is asked, and counts as this thread does', async () => {
    const count = offThreadTokenCounter();
    expect(count).toBeDefined();
    expect(isTokenWorkerRunning()).toBe(false);
    for (const text of TEXTS)
      expect(await count!([text])).toBe(await countTokensInThisThread([text]));
    expect(isTokenWorkerRunning()).toBe(true);
    expect(await count!(TEXTS)).toBe(await countTokensInThisThread(TEXTS));
    expect(await count!([])).toBe(0);
  });

  it('counts more texts than one message carries, in several', async () => {
    const count = offThreadTokenCounter()!;
    const inputs = Array.from({ length: 10_000 }, (_, index) => `input ${index} of the batch`);
    expect(await count(inputs)).toBe(await countTokensInThisThread(inputs));
  });

  it('counts in this thread when the worker cannot', async () => {
    const count = offThreadTokenCounter('/nonexistent/oneapi-tokenizer.cjs')!;
    expect(await count([TEXTS[0]!])).toBe(await countTokensInThisThread([TEXTS[0]!]));
  });

  it('answers concurrent counts each with its own', async () => {
    const count = offThreadTokenCounter()!;
    const asked = TEXTS.map((text) => count([text, text]));
    const expected = await Promise.all(TEXTS.map((text) => countTokensInThisThread([text, text])));
    expect(await Promise.all(asked)).toEqual(expected);
  });
});
