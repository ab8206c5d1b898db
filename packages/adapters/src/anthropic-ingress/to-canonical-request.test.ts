import { describe, expect, it } from 'vitest';
import { anthropicMessagesRequestSchema } from './anthropic-messages-schema';
import { toCanonicalRequest } from './to-canonical-request';

describe('toCanonicalRequest: mid-conversation system messages', () => {
  // Claude Code sends them under the mid-conversation-system beta, as text or text blocks.
  const body = {
    model: 'any',
    max_tokens: 64,
    system: 'You are Claude Code.',
    messages: [
      { role: 'user', content: 'List the files.' },
      { role: 'assistant', content: 'Done.' },
      {
        role: 'system',
        content: [{ type: 'text', text: 'Plan mode is on.', cache_control: { type: 'ephemeral' } }],
        output_config: { effort: 'high' },
      },
      { role: 'user', content: 'Now plan.' },
    ],
  };

  it('keeps one where it stood, as a system message', () => {
    const parsed = anthropicMessagesRequestSchema.parse(body);
    expect(toCanonicalRequest(parsed).messages).toEqual([
      { role: 'system', content: 'You are Claude Code.' },
      { role: 'user', content: 'List the files.' },
      { role: 'assistant', content: 'Done.' },
      { role: 'system', content: 'Plan mode is on.' },
      { role: 'user', content: 'Now plan.' },
    ]);
  });

  it('still refuses a role the API does not have', () => {
    const result = anthropicMessagesRequestSchema.safeParse({
      ...body,
      messages: [{ role: 'tool', content: 'x' }],
    });
    expect(result.success).toBe(false);
  });
});

describe('toCanonicalRequest: very many blocks in one turn', () => {
  // Spreading 200,000 tool results into push() as arguments overflows the stack: a RangeError,
  // answered as a 500, for a body under the size limit that the caller may legally send.
  it('converts a user turn of 200,000 tool results without overflowing the stack', () => {
    const results = Array.from({ length: 200_000 }, (_, index) => ({
      type: 'tool_result' as const,
      tool_use_id: `toolu_${index}`,
      content: 'ok',
    }));
    const canonical = toCanonicalRequest(
      anthropicMessagesRequestSchema.parse({
        model: 'any',
        max_tokens: 16,
        messages: [{ role: 'user', content: results }],
      }),
    );
    expect(canonical.messages).toHaveLength(200_000);
    expect(canonical.messages.at(-1)).toEqual({
      role: 'tool',
      tool_call_id: 'toolu_199999',
      content: 'ok',
    });
  });
});
