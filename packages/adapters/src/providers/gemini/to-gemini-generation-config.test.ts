import { describe, expect, it } from 'vitest';
import { chatRequestSchema } from '../../spec/openai-chat-request';
import { mapGeminiReasoningEffort } from './map-gemini-reasoning-effort';
import { toGeminiGenerationConfig } from './to-gemini-generation-config';
import { toGeminiTools } from './to-gemini-tools';

const request = (fields: Record<string, unknown>) =>
  chatRequestSchema.parse({
    model: 'gemini-2.5-flash',
    messages: [{ role: 'user', content: 'x' }],
    ...fields,
  });

describe('toGeminiGenerationConfig', () => {
  it('sends nothing when the caller set nothing', () => {
    expect(toGeminiGenerationConfig(request({}))).toBeUndefined();
  });

  it('maps sampling, limits and stop sequences', () => {
    expect(
      toGeminiGenerationConfig(
        request({
          temperature: 0.2,
          top_p: 0.9,
          max_tokens: 100,
          max_completion_tokens: 50,
          stop: 'END',
          seed: 7,
          n: 2,
          presence_penalty: 0.5,
          frequency_penalty: -0.5,
        }),
      ),
    ).toEqual({
      temperature: 0.2,
      topP: 0.9,
      // max_completion_tokens wins over the older max_tokens.
      maxOutputTokens: 50,
      stopSequences: ['END'],
      seed: 7,
      candidateCount: 2,
      presencePenalty: 0.5,
      frequencyPenalty: -0.5,
    });
    expect(toGeminiGenerationConfig(request({ max_tokens: 10, stop: ['a', 'b'] }))).toEqual({
      maxOutputTokens: 10,
      stopSequences: ['a', 'b'],
    });
  });

  it('keeps a temperature of 0', () => {
    expect(toGeminiGenerationConfig(request({ temperature: 0 }))).toEqual({ temperature: 0 });
  });

  it('maps response_format to a JSON mime type and JSON schema', () => {
    const schema = {
      type: 'object',
      properties: { a: { type: 'string' } },
      additionalProperties: false,
    };
    expect(toGeminiGenerationConfig(request({ response_format: { type: 'json_object' } }))).toEqual(
      {
        responseMimeType: 'application/json',
      },
    );
    expect(
      toGeminiGenerationConfig(
        request({ response_format: { type: 'json_schema', json_schema: { name: 'x', schema } } }),
      ),
    ).toEqual({ responseMimeType: 'application/json', responseJsonSchema: schema });
    expect(
      toGeminiGenerationConfig(request({ response_format: { type: 'text' } })),
    ).toBeUndefined();
  });

  it('maps reasoning_effort to a thinking config for the model generation', () => {
    expect(toGeminiGenerationConfig(request({ reasoning_effort: 'medium' }))).toEqual({
      thinkingConfig: { thinkingBudget: 8192 },
    });
    expect(mapGeminiReasoningEffort('gemini-2.5-pro', 'minimal')).toEqual({ thinkingBudget: 512 });
    expect(mapGeminiReasoningEffort('gemini-2.5-flash', 'high')).toEqual({ thinkingBudget: 24576 });
    expect(mapGeminiReasoningEffort('gemini-3-flash-preview', 'minimal')).toEqual({
      thinkingLevel: 'minimal',
    });
    expect(mapGeminiReasoningEffort('gemini-3-pro-preview', 'minimal')).toEqual({
      thinkingLevel: 'low',
    });
    expect(mapGeminiReasoningEffort('gemini-3-pro-preview', 'medium')).toEqual({
      thinkingLevel: 'high',
    });
  });
});

describe('toGeminiTools', () => {
  const tools = [
    { type: 'function', function: { name: 'clock' } },
    {
      type: 'function',
      function: {
        name: 'weather',
        description: 'Weather',
        parameters: { type: 'object', additionalProperties: false },
      },
    },
  ];

  it('declares functions with their JSON Schema untouched', () => {
    expect(toGeminiTools(request({ tools }))).toEqual({
      tools: [
        {
          functionDeclarations: [
            { name: 'clock' },
            {
              name: 'weather',
              description: 'Weather',
              parametersJsonSchema: { type: 'object', additionalProperties: false },
            },
          ],
        },
      ],
    });
  });

  it('maps every tool_choice to a function-calling mode', () => {
    const modeFor = (tool_choice: unknown) =>
      toGeminiTools(request({ tools, tool_choice })).toolConfig;
    expect(modeFor('auto')).toEqual({ functionCallingConfig: { mode: 'AUTO' } });
    expect(modeFor('none')).toEqual({ functionCallingConfig: { mode: 'NONE' } });
    expect(modeFor('required')).toEqual({ functionCallingConfig: { mode: 'ANY' } });
    expect(modeFor({ type: 'function', function: { name: 'weather' } })).toEqual({
      functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['weather'] },
    });
    expect(modeFor(undefined)).toBeUndefined();
  });

  it('sends neither tools nor toolConfig without tools', () => {
    expect(toGeminiTools(request({ tool_choice: 'none' }))).toEqual({});
  });
});
