import { describe, expect, it } from 'vitest';
import { chatRequestSchema } from '../../spec/openai-chat-request';
import {
  decodeAll,
  readRecording,
  recordedStreamMessages,
  summarize,
} from '../gemini/testing/gemini-test-support';
import { vertexAdapter as adapter } from './vertex-adapter';

const fixture = (name: string) => new URL(`./__fixtures__/${name}`, import.meta.url);
const chat = (fields: Record<string, unknown>) =>
  chatRequestSchema.parse({ messages: [{ role: 'user', content: 'hi' }], ...fields });

describe('vertex responses', () => {
  it('parses a recorded answer and uses createTime (recording-generateContent-systemInstruction, -adc)', () => {
    for (const name of [
      'recording-generateContent-systemInstruction.json',
      'recording-generateContent-adc.json',
    ]) {
      const [interaction] = readRecording(fixture(name));
      const completion = adapter.parseChatResponse(
        interaction!.response.bodySegments[0],
        chat({ model: 'gemini-2.5-flash' }),
      );
      expect(completion.choices[0]!.message.content).toBe('low');
      expect(completion.usage?.prompt_tokens).toBe(8);
      expect(completion.created).toBe(
        Date.UTC(2025, 9, 24, 7, 45, name.includes('adc') ? 14 : 26) / 1000,
      );
    }
  });

  it('decodes a streamed function call (recording-function-calling-stream)', () => {
    const [interaction] = readRecording(fixture('recording-function-calling-stream.json'));
    const events = decodeAll(
      adapter.createStreamDecoder(chat({ model: 'm' })),
      recordedStreamMessages(interaction!),
    );
    const summary = summarize(events);
    expect(events[0]).toEqual({
      type: 'start',
      id: 'w9SfaNDeOseSmecP8YP84Ao',
      model: 'gemini-2.0-flash',
      created: Date.parse('2025-08-16T00:45:55Z') / 1000,
    });
    expect(summary.toolCalls).toEqual([
      {
        index: 0,
        id: expect.any(String),
        name: 'customDivide',
        arguments: '{"denominator":2,"numerator":100}',
      },
    ]);
    expect(summary.finishes.map((finish) => finish.reason)).toEqual(['tool_calls']);
    expect(summary.lastUsage).toEqual({ promptTokens: 21, completionTokens: 6 });
  });

  it('assembles streamed partial arguments into one call (recording-stream-partial-function-call-args)', () => {
    const [interaction] = readRecording(
      fixture('recording-stream-partial-function-call-args.json'),
    );
    const events = decodeAll(
      adapter.createStreamDecoder(chat({ model: 'm' })),
      recordedStreamMessages(interaction!),
    );
    const summary = summarize(events);
    expect(summary.toolCalls).toHaveLength(1);
    expect(summary.toolCalls[0]).toMatchObject({ index: 0, name: 'getCurrentWeather' });
    expect(JSON.parse(summary.toolCalls[0]!.arguments)).toEqual({
      country: 'USA',
      location: 'NewYorkCity',
      purpose: 'to know what to wear today',
      unit: 'C',
    });
    expect(events.filter((event) => event.type === 'tool-call-delta')).toHaveLength(1);
    expect(summary.finishes.map((finish) => finish.reason)).toEqual(['tool_calls']);
    expect(summary.lastUsage).toEqual({
      promptTokens: 36,
      completionTokens: 33 + 93,
      reasoningTokens: 93,
    });
    expect(events.filter((event) => event.type === 'usage')).toHaveLength(1);
  });
});
