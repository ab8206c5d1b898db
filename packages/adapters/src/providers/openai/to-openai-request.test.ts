import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../spec/openai-chat-request';
import { openaiAdapter } from './openai-adapter';

const target = { apiKey: 'sk-upstream', baseUrl: 'https://api.openai.com/v1', config: {} };

/** The body OpenAI's adapter sends for a canonical request (Claude Code's, translated). */
async function sentBody(request: Partial<ChatRequest>): Promise<Record<string, unknown>> {
  const upstream = await openaiAdapter.buildChatRequest(
    { model: 'gpt-5', messages: [{ role: 'user', content: 'hi' }], ...request } as ChatRequest,
    target,
  );
  return JSON.parse(String(upstream.body)) as Record<string, unknown>;
}

describe('OpenAI: reasoning controls per model', () => {
  it.each(['gpt-5', 'gpt-5-mini', 'gpt-5.1', 'o3', 'o4-mini', 'o1'])(
    'sends %s max_completion_tokens and reasoning_effort, never max_tokens',
    async (model) => {
      const body = await sentBody({ model, max_tokens: 32_000, reasoning_effort: 'high' });
      expect(body).toMatchObject({ max_completion_tokens: 32_000, reasoning_effort: 'high' });
      expect(body).not.toHaveProperty('max_tokens');
    },
  );

  it('keeps a max_completion_tokens the caller set over max_tokens', async () => {
    const body = await sentBody({ max_tokens: 10, max_completion_tokens: 20 });
    expect(body).toMatchObject({ max_completion_tokens: 20 });
    expect(body).not.toHaveProperty('max_tokens');
  });

  it.each(['gpt-4o', 'gpt-4.1-mini', 'gpt-5-chat-latest', 'gpt-5.1-chat-latest'])(
    'drops reasoning_effort for the chat model %s and keeps its max_tokens',
    async (model) => {
      const body = await sentBody({ model, max_tokens: 16_000, reasoning_effort: 'medium' });
      expect(body).toMatchObject({ max_tokens: 16_000 });
      expect(body).not.toHaveProperty('reasoning_effort');
    },
  );
});
