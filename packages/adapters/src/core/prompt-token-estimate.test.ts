import { afterEach, describe, expect, it } from 'vitest';
import type { ChatRequest } from '../spec/openai-chat-request';
import { countPromptTokens, useTokenCounter } from './count-tokens';
import { estimatePromptTokens } from './prompt-token-estimate';

const ask = (content: string): ChatRequest => ({
  model: 'm',
  messages: [{ role: 'user', content }],
});

/** Prompts of the kinds agents send, each a few thousand tokens. */
const PROMPTS: Record<string, ChatRequest> = {
  prose: ask(
    'The gateway relays the request to the first healthy channel, and bills it. '.repeat(60),
  ),
  code: ask(
    'export function add(a: number, b: number): number {\n  return a + b; // sum\n}\n'.repeat(60),
  ),
  cjk: ask(
    '東京の天気は晴れです。明日は雨が降るでしょう。ゲートウェイは要求を中継します。'.repeat(40),
  ),
  tools: {
    ...ask('Read the file.'),
    tools: Array.from({ length: 20 }, (_, index) => ({
      type: 'function' as const,
      function: {
        name: `tool_${index}`,
        description: 'Reads a file of the workspace and returns its text.',
        parameters: { type: 'object', properties: { path: { type: 'string' } } },
      },
    })),
  },
};

describe('estimatePromptTokens', () => {
  afterEach(() => useTokenCounter(undefined));

  it.each(Object.entries(PROMPTS))(
    'is within 0.6-1.5x of the exact count (%s)',
    async (_, request) => {
      const exact = await countPromptTokens(request);
      const estimate = await estimatePromptTokens(request);
      expect(estimate / exact).toBeGreaterThan(0.6);
      expect(estimate / exact).toBeLessThan(1.5);
    },
  );

  it('needs no tokenizer', async () => {
    useTokenCounter(() => Promise.reject(new Error('the tokenizer was asked')));
    expect(await estimatePromptTokens(ask('Hello, world!'))).toBe(3 + 3 + 4);
  });
});
