import { describe, expect, it } from 'vitest';
import { countTextTokens } from './count-tokens';
import { createUsageMeter } from './usage-meter';

const request = { model: 'm', messages: [{ role: 'user' as const, content: 'Hello, world!' }] };

describe('usage meter', () => {
  it('prefers the provider’s usage', async () => {
    const meter = createUsageMeter(request);
    meter.observe({ type: 'text-delta', choice: 0, text: 'Hi there' });
    meter.observe({ type: 'usage', usage: { promptTokens: 50, completionTokens: 7 } });
    expect(await meter.usage()).toEqual({ promptTokens: 50, completionTokens: 7 });
  });

  it('estimates a stream that reported nothing, counting only what was delivered', async () => {
    const meter = createUsageMeter(request);
    meter.observe({ type: 'text-delta', choice: 0, text: 'The answer is 42.' });
    meter.observe({ type: 'tool-call-start', choice: 0, index: 0, id: 'c', name: 'lookup' });
    meter.observe({ type: 'tool-call-delta', choice: 0, index: 0, argumentsDelta: '{"q":"x"}' });
    expect(await meter.usage()).toEqual({
      promptTokens: 10,
      completionTokens: await countTextTokens('The answer is 42.lookup{"q":"x"}'),
      estimated: true,
    });
  });

  it('bills the prompt even when nothing was delivered', async () => {
    expect(await createUsageMeter(request).usage()).toMatchObject({
      promptTokens: 10,
      completionTokens: 0,
      estimated: true,
    });
  });
});
