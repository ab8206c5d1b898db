import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../spec/openai-chat-request';
import { countPromptTokens, countTextTokens } from './count-tokens';
import {
  boundPromptTokens,
  boundTextsTokens,
  boundTextTokens,
  utf8ByteLength,
} from './prompt-token-bound';

describe('prompt token bound', () => {
  it('counts UTF-8 bytes as TextEncoder writes them, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(utf8ByteLength(text)).toBe(new TextEncoder().encode(text).length);
      }),
    );
    expect(utf8ByteLength('a\uD800b\uDC00')).toBe(8);
    // Long enough to be encoded in slices, with a surrogate pair across every slice boundary.
    for (const long of ['😀'.repeat(50_000), `a${'😀'.repeat(50_000)}`, '网'.repeat(50_000)])
      expect(utf8ByteLength(long)).toBe(new TextEncoder().encode(long).length);
  });

  it('is never below the exact count, for any text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 2_000 }), async (text) => {
        expect(boundTextTokens(text)).toBeGreaterThanOrEqual(await countTextTokens(text));
      }),
      { numRuns: 200 },
    );
  });

  it('is never below the exact prompt count, framing, images and tools included', async () => {
    const request: ChatRequest = {
      model: 'm',
      messages: [
        { role: 'system', content: '你是一个乐于助人的助手。' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in 😀 this picture?' },
            { type: 'image_url', image_url: { url: 'https://x/y.png', detail: 'high' } },
          ],
        },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'c', type: 'function', function: { name: 'look', arguments: '{"at":"it"}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'c', content: 'a cat' },
      ],
      tools: [{ type: 'function', function: { name: 'look', parameters: { type: 'object' } } }],
    };
    const exact = await countPromptTokens(request);
    const bound = await boundPromptTokens(request);
    expect(bound).toBeGreaterThanOrEqual(exact);
    // Same framing and image constants: only the text is counted differently.
    expect(await boundPromptTokens({ model: 'm', messages: [] })).toBe(
      await countPromptTokens({ model: 'm', messages: [] }),
    );
  });

  it('sums the bound of many texts in slices: timers run before a long list is measured', async () => {
    const texts = Array.from({ length: 1_000_000 }, (_, index) => `input ${index} é`);
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 0);
    const total = await boundTextsTokens(texts);
    clearInterval(ticker);
    expect(total).toBe(texts.reduce((sum, text) => sum + boundTextTokens(text), 0));
    expect(await boundTextsTokens([])).toBe(0);
    // A million texts take 30-100 ms to measure: several slices.
    expect(ticks).toBeGreaterThanOrEqual(1);
  });
});
