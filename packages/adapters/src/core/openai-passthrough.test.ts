import { describe, expect, it } from 'vitest';
import { chunkAt, readFixture, splitBytes } from '../testing/fixtures';
import { createOpenAIPassthrough } from './openai-passthrough';

const fixture = readFixture(
  new URL('../providers/openai/__fixtures__/chat-stream-include-usage.sse', import.meta.url),
);

async function relay(includeUsage: boolean, cuts: number[]) {
  const passthrough = createOpenAIPassthrough({ includeUsage });
  const source = ReadableStream.from(chunkAt(splitBytes(new TextEncoder().encode(fixture), cuts)));
  let output = '';
  const decoder = new TextDecoder();
  for await (const bytes of source.pipeThrough(passthrough.stream))
    output += decoder.decode(bytes, { stream: true });
  return { output, usage: passthrough.usage(), completed: passthrough.completed() };
}

const upstreamEvents = fixture
  .split('\n\n')
  .map((block) => block.trim())
  .filter((block) => block.startsWith('data:'))
  .map((block) => block.slice(5).trim());

describe('OpenAI passthrough', () => {
  it('forwards every event’s data unchanged and reads usage for billing', async () => {
    const { output, usage, completed } = await relay(true, [3, 50, 51, 52, 400]);
    const relayed = output
      .split('\n\n')
      .filter(Boolean)
      .map((frame) => frame.slice(6));
    expect(relayed).toEqual(upstreamEvents);
    expect(usage).toEqual({ promptTokens: 17, completionTokens: 10 });
    expect(completed).toBe(true);
  });

  it('drops only the usage-only chunk when the caller did not ask for usage', async () => {
    const { output, usage } = await relay(false, [7]);
    const relayed = output
      .split('\n\n')
      .filter(Boolean)
      .map((frame) => frame.slice(6));
    const usageOnly = upstreamEvents.filter((data) => data.includes('"choices":[]'));
    expect(usageOnly).toHaveLength(1);
    expect(relayed).toEqual(upstreamEvents.filter((data) => !usageOnly.includes(data)));
    expect(usage?.promptTokens).toBe(17);
  });
});
