import { describe, expect, it } from 'vitest';
import { chatRequestSchema } from '../../spec/openai-chat-request';
import { readFixture } from '../../testing/fixtures';
import { fromGeminiResponse } from './from-gemini-response';
import { readRecording } from './testing/gemini-test-support';

const fixture = (name: string) => new URL(`./__fixtures__/${name}`, import.meta.url);
const readJson = (name: string): unknown => JSON.parse(readFixture(fixture(name)));
const recordedResponse = (name: string, interaction = 0) =>
  readRecording(fixture(name))[interaction]!.response.bodySegments[0];
const request = chatRequestSchema.parse({
  model: 'requested-model',
  messages: [{ role: 'user', content: 'x' }],
});

describe('fromGeminiResponse', () => {
  it('joins text and counts thinking tokens as completion tokens (generateContent-text)', () => {
    const completion = fromGeminiResponse(readJson('generateContent-text.json'), request);
    expect(completion).toMatchObject({
      id: 'Un6LacrVMcjUxs0PmJfWoQc',
      object: 'chat.completion',
      model: 'gemini-3-pro-preview',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content:
              "There are **3** r's in strawberry.\n\nHere is the breakdown: st**r**awbe**rr**y.",
          },
          finish_reason: 'stop',
        },
      ],
      usage: {
        prompt_tokens: 9,
        completion_tokens: 28 + 244,
        total_tokens: 281,
        completion_tokens_details: { reasoning_tokens: 244 },
      },
    });
    expect(completion.choices[0]!.message.tool_calls).toBeUndefined();
    expect(completion.usage?.prompt_tokens_details).toBeUndefined();
  });

  it('turns a functionCall into a tool call and STOP into tool_calls (generateContent-function-call)', () => {
    const completion = fromGeminiResponse(readJson('generateContent-function-call.json'), request);
    const choice = completion.choices[0]!;
    expect(choice.finish_reason).toBe('tool_calls');
    expect(choice.message.content).toBeNull();
    expect(choice.message.tool_calls).toEqual([
      {
        id: expect.stringMatching(/^call_/),
        type: 'function',
        function: { name: 'weather', arguments: '{"location":"San Francisco"}' },
      },
    ]);
    expect(completion.usage).toMatchObject({ prompt_tokens: 29, completion_tokens: 15 + 893 });
  });

  it('gives every tool call its own id', () => {
    const twoCalls = {
      candidates: [
        {
          content: {
            parts: [
              { functionCall: { name: 'a', args: {} } },
              { functionCall: { name: 'b', args: { x: 1 }, id: 'gemini-id' } },
            ],
          },
          finishReason: 'STOP',
        },
      ],
    };
    const calls = fromGeminiResponse(twoCalls, request).choices[0]!.message.tool_calls!;
    expect(calls.map((call) => call.function.arguments)).toEqual(['{}', '{"x":1}']);
    expect(calls[1]!.id).toBe('gemini-id');
    expect(calls[0]!.id).not.toBe(calls[1]!.id);
  });

  it('reads thought parts as reasoning and MAX_TOKENS as length (recording-thinking-thought-parts)', () => {
    const completion = fromGeminiResponse(
      recordedResponse('recording-thinking-thought-parts.json'),
      request,
    );
    const choice = completion.choices[0]!;
    expect(choice.finish_reason).toBe('length');
    expect(choice.message.reasoning_content).toMatch(
      /^\*\*Breaking Down the Sum of Natural Numbers/,
    );
    expect(choice.message.content).toBe('');
    expect(completion.usage).toMatchObject({
      prompt_tokens: 17,
      completion_tokens: 19,
      completion_tokens_details: { reasoning_tokens: 19 },
    });
  });

  it('parses recorded plain and tool answers (recording-generateContent-systemInstruction, recording-function-calling)', () => {
    const plain = fromGeminiResponse(
      recordedResponse('recording-generateContent-systemInstruction.json'),
      request,
    );
    expect(plain.choices[0]!.message.content).toBe('low');
    expect(plain.usage).toMatchObject({ prompt_tokens: 9, completion_tokens: 21 });

    const tool = fromGeminiResponse(
      recordedResponse('recording-function-calling.json', 1),
      request,
    );
    expect(tool.choices[0]!.message.tool_calls?.[0]?.function).toEqual({
      name: 'customDivide',
      arguments: '{"denominator":2,"numerator":50}',
    });
    // No thoughtsTokenCount on gemini-2.0: no reasoning details are invented.
    expect(tool.usage).toEqual({ prompt_tokens: 38, completion_tokens: 6, total_tokens: 44 });
  });

  it('answers a blocked prompt (no candidates) with empty content and content_filter', () => {
    const data = readFixture(fixture('stream-prompt-blocked.sse')).replace(/^data: /, '');
    const completion = fromGeminiResponse(JSON.parse(data), request);
    expect(completion.model).toBe('requested-model');
    expect(completion.choices).toEqual([
      { index: 0, message: { role: 'assistant', content: '' }, finish_reason: 'content_filter' },
    ]);
    expect(completion.usage).toMatchObject({ prompt_tokens: 13, completion_tokens: 0 });
  });

  it('maps each candidate to a choice when n > 1, and filter reasons to content_filter', () => {
    const completion = fromGeminiResponse(
      {
        candidates: [
          { index: 0, content: { parts: [{ text: 'one' }] }, finishReason: 'STOP' },
          { index: 1, content: { parts: [{ text: 'tw' }] }, finishReason: 'SAFETY' },
        ],
        usageMetadata: { promptTokenCount: 3, candidatesTokenCount: 4, cachedContentTokenCount: 2 },
      },
      request,
    );
    expect(
      completion.choices.map((choice) => [
        choice.index,
        choice.message.content,
        choice.finish_reason,
      ]),
    ).toEqual([
      [0, 'one', 'stop'],
      [1, 'tw', 'content_filter'],
    ]);
    expect(completion.usage?.prompt_tokens_details).toEqual({ cached_tokens: 2 });
  });

  it('rejects a body that is not a generateContent response', () => {
    expect(() => fromGeminiResponse({ candidates: 'nope' }, request)).toThrow(
      expect.objectContaining({ code: 'upstream_bad_response' }),
    );
  });
});
