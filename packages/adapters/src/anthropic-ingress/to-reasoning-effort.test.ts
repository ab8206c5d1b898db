import { describe, expect, it } from 'vitest';
import { anthropicMessagesRequestSchema } from './anthropic-messages-schema';
import { toCanonicalRequest } from './to-canonical-request';

/** The canonical effort for a Messages body with these fields (as Claude Code sends them). */
const effortOf = (fields: Record<string, unknown>) =>
  toCanonicalRequest(
    anthropicMessagesRequestSchema.parse({
      model: 'any',
      max_tokens: 32_000,
      messages: [{ role: 'user', content: 'hi' }],
      ...fields,
    }),
  ).reasoning_effort;

describe('toCanonicalRequest: thinking as a reasoning effort', () => {
  it.each([
    [1024, 'low'],
    [3999, 'low'],
    [4000, 'medium'],
    [15_999, 'medium'],
    [16_000, 'high'],
  ])('maps a thinking budget of %i tokens to %s', (budget, effort) => {
    expect(effortOf({ thinking: { type: 'enabled', budget_tokens: budget } })).toBe(effort);
  });

  it.each([
    ['low', 'low'],
    ['medium', 'medium'],
    ['high', 'high'],
    ['max', 'high'],
  ])('maps adaptive thinking at effort %s to %s', (given, effort) => {
    // Claude Code 2.1's default: adaptive, its summaries omitted, the effort beside it.
    const thinking = { type: 'adaptive', display: 'omitted' };
    expect(effortOf({ thinking, output_config: { effort: given } })).toBe(effort);
  });

  it('thinks at high effort when adaptive thinking names no effort', () => {
    expect(effortOf({ thinking: { type: 'adaptive' } })).toBe('high');
  });

  it('asks for no reasoning when thinking is off or absent', () => {
    expect(effortOf({ thinking: { type: 'disabled' } })).toBeUndefined();
    expect(effortOf({ output_config: { effort: 'high' } })).toBeUndefined();
  });
});
