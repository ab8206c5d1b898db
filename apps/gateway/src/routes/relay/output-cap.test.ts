import { parseChatRequest } from '@oneapi/adapters';
import { describe, expect, it } from 'vitest';
import { capOutput, defaultOutputCap } from './output-cap';

const chat = (extra: object) =>
  parseChatRequest({ model: 'm', messages: [{ role: 'user', content: 'hi' }], ...extra });

describe('capOutput', () => {
  it('sends the default as max_completion_tokens when the caller set no limit', () => {
    const capped = capOutput(chat({}), 4096);
    expect(capped.maxTokens).toBe(4096);
    expect(capped.request.max_completion_tokens).toBe(4096);
  });

  it("keeps the caller's own limit, under either name", () => {
    for (const extra of [{ max_tokens: 50 }, { max_completion_tokens: 50 }]) {
      const request = chat(extra);
      expect(capOutput(request, 4096)).toEqual({ request, maxTokens: 50 });
    }
  });

  it('leaves a reasoning request its thinking budget on top of the default', () => {
    expect(capOutput(chat({ reasoning_effort: 'high' }), 4096).maxTokens).toBe(4096 + 24_576);
    expect(defaultOutputCap(4096, 'minimal')).toBe(4096 + 1024);
    // Only the known efforts: anything else adds nothing.
    expect(defaultOutputCap(4096, 'toString')).toBe(4096);
    expect(defaultOutputCap(4096, undefined)).toBe(4096);
  });
});
