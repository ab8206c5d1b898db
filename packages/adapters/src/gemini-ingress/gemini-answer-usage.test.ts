import { describe, expect, it } from 'vitest';
import { readRecording } from '../providers/gemini/testing/gemini-test-support';
import { readFixture } from '../testing/fixtures';
import { createGeminiStreamMeter, readGeminiResponseUsage } from './gemini-answer-usage';

const fixture = (name: string) => new URL(`./__fixtures__/${name}`, import.meta.url);
const dataOf = (sse: string) =>
  sse
    .split(/\r?\n\r?\n/)
    .filter((frame) => frame.startsWith('data: '))
    .map((frame) => frame.slice('data: '.length));

describe('Gemini answer usage, passed through', () => {
  it('reads a buffered answer’s usageMetadata, cached and thought tokens included', () => {
    const [interaction] = readRecording(fixture('recording-cached-content-token-count.json'));
    expect(readGeminiResponseUsage(interaction!.response.bodySegments[0])).toEqual({
      promptTokens: 5,
      completionTokens: 238 + 41,
      cachedTokens: 3,
      reasoningTokens: 41,
    });
    expect(readGeminiResponseUsage({ candidates: [] })).toBeUndefined();
  });

  it('bills a whole stream on its last usageMetadata', async () => {
    const meter = createGeminiStreamMeter(async () => 999);
    for (const data of dataOf(readFixture(fixture('thought-signature-stream-function-call.sse'))))
      expect(meter.observe(undefined, data)).toBe(true);
    expect(await meter.usage()).toEqual({
      promptTokens: 29,
      completionTokens: 212,
      reasoningTokens: 202,
    });
    expect(meter.failure).toBeUndefined();
  });

  it('bills a cut stream at least what it delivered, flagged', async () => {
    const meter = createGeminiStreamMeter(async () => 7);
    meter.observe(
      undefined,
      JSON.stringify({
        candidates: [{ content: { parts: [{ text: 'one two three four five six' }] } }],
      }),
    );
    expect(await meter.usage()).toEqual({ promptTokens: 7, completionTokens: 6, estimated: true });
    meter.observe(
      undefined,
      JSON.stringify({ error: { code: 503, message: 'overloaded', status: 'UNAVAILABLE' } }),
    );
    expect(meter.failure).toBe('overloaded');
  });
});
