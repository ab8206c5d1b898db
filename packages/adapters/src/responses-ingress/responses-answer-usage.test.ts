import { describe, expect, it } from 'vitest';
import { readFixture } from '../testing/fixtures';
import { createResponsesStreamMeter, readResponsesUsage } from './responses-answer-usage';

const fixture = (name: string) => readFixture(new URL(`./__fixtures__/${name}`, import.meta.url));

/** The SSE events of a recorded stream, as (event, data) pairs. */
function eventsOf(sse: string): Array<[string, string]> {
  return sse
    .split('\n\n')
    .filter((block) => block.startsWith('event: '))
    .map((block) => {
      const [event, data] = block.split('\n');
      return [event!.slice('event: '.length), data!.slice('data: '.length)];
    });
}

describe('Responses usage of a passed-through answer', () => {
  it('reads cached, cache-write and reasoning tokens', () => {
    expect(
      readResponsesUsage({
        usage: {
          input_tokens: 100,
          input_tokens_details: { cached_tokens: 40, cache_write_tokens: 10 },
          output_tokens: 30,
          output_tokens_details: { reasoning_tokens: 20 },
        },
      }),
    ).toEqual({
      promptTokens: 100,
      completionTokens: 30,
      cachedTokens: 40,
      cacheWriteTokens: 10,
      reasoningTokens: 20,
    });
    expect(readResponsesUsage({ output: [] })).toBeUndefined();
  });

  it('bills a recorded stream on its response.completed usage', async () => {
    const meter = createResponsesStreamMeter(async () => 1);
    for (const [event, data] of eventsOf(fixture('stream-function-call.sse')))
      meter.observe(event, data);
    expect(await meter.usage()).toMatchObject({ promptTokens: 255, completionTokens: 16 });
    expect(meter.failure).toBeUndefined();
  });

  it('bills a stream cut before its end on the prompt and the arguments it delivered', async () => {
    const meter = createResponsesStreamMeter(async () => 7);
    const events = eventsOf(fixture('stream-function-call.sse'));
    for (const [event, data] of events.slice(0, -2)) meter.observe(event, data);
    const usage = await meter.usage();
    expect(usage).toMatchObject({ promptTokens: 7, estimated: true });
    expect(usage.completionTokens).toBeGreaterThan(0);
  });
});
