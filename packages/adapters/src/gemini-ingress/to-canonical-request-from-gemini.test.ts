import { describe, expect, it } from 'vitest';
import { geminiAdapter } from '../providers/gemini/gemini-adapter';
import { readRecording } from '../providers/gemini/testing/gemini-test-support';
import { readFixture } from '../testing/fixtures';
import {
  type GeminiGenerateContentInput,
  geminiGenerateContentRequestSchema,
} from './gemini-generate-content-schema';
import { toCanonicalRequestFromGemini } from './to-canonical-request-from-gemini';

const fixture = (name: string) => new URL(`./__fixtures__/${name}`, import.meta.url);
const decode = (body: unknown, model = 'some-model') =>
  toCanonicalRequestFromGemini(model, geminiGenerateContentRequestSchema.parse(body), {
    stream: false,
  });

describe('Gemini request to canonical', () => {
  it('pairs a function response with its call and keeps the call’s thought signature', async () => {
    // pydantic-ai's recorded Gemini 3 follow-up: the call with its signature, then its result.
    const body = JSON.parse(readFixture(fixture('thought-signature-followup-request.json')));
    const canonical = decode(body, 'gemini-3-pro-preview');
    const [, assistant, tool] = canonical.messages;
    expect(assistant).toMatchObject({ role: 'assistant', content: null });
    const call = (assistant as { tool_calls: Array<{ id: string }> }).tool_calls[0]!;
    expect(tool).toEqual({
      role: 'tool',
      tool_call_id: call.id,
      content: '{"return_value":"Mexico"}',
    });
    // The Python SDK's snake_case JSON Schema field is read too.
    expect(canonical.tools?.[0]?.function.parameters).toEqual(
      body.tools[0].functionDeclarations[0].parameters_json_schema,
    );
    // A Gemini channel sends the call back with its signature (the adapter sends no call ids:
    // Gemini pairs calls and responses by name and order).
    const upstream = (await geminiAdapter.buildChatRequest(canonical, {
      baseUrl: 'https://generativelanguage.googleapis.com',
      apiKey: 'k',
      config: {},
    })) as { body: string };
    const sent = JSON.parse(upstream.body);
    const { id: _id, ...sentCall } = body.contents[1].parts[0].functionCall;
    expect(sent.contents[1].parts[0]).toEqual({
      functionCall: sentCall,
      thoughtSignature: body.contents[1].parts[0].thoughtSignature,
    });
    expect(sent.contents[2].parts[0].functionResponse).toMatchObject({
      name: 'get_country',
      response: { return_value: 'Mexico' },
    });
  });

  it('matches responses to calls by id, else the oldest unanswered call of that name', () => {
    const call = (name: string, id?: string) => ({
      functionCall: { name, args: {}, ...(id && { id }) },
    });
    const result = (name: string, id?: string) => ({
      functionResponse: { name, response: { name }, ...(id && { id }) },
    });
    const canonical = decode({
      contents: [
        { role: 'user', parts: [{ text: 'go' }] },
        { role: 'model', parts: [call('a'), call('a'), call('b', 'b-1')] },
        { role: 'user', parts: [result('b', 'b-1'), result('a'), result('a')] },
      ],
    });
    const ids = (canonical.messages[1] as { tool_calls: Array<{ id: string }> }).tool_calls.map(
      (toolCall) => toolCall.id,
    );
    expect(ids[2]).toBe('b-1');
    expect(
      canonical.messages
        .slice(2)
        .map((message) => (message as { tool_call_id: string }).tool_call_id),
    ).toEqual(['b-1', ids[0], ids[1]]);
  });

  it('pairs in linear time, however many calls share a name, and never overflows the stack', () => {
    const count = 150_000;
    const ids = Array.from({ length: count }, (_, index) => `call-${index}`);
    const body = geminiGenerateContentRequestSchema.parse({
      contents: [
        { role: 'user', parts: [{ text: 'go' }] },
        { role: 'model', parts: ids.map((id) => ({ functionCall: { id, name: 'f', args: {} } })) },
        {
          role: 'user',
          // Answered last call first: a search from the front per response is quadratic.
          parts: ids
            .toReversed()
            .map((id) => ({ functionResponse: { id, name: 'f', response: {} } })),
        },
      ],
    });
    // Linear pairing takes well under a second here; a quadratic one (1.1e10 steps) would take
    // many minutes and fail on the test's timeout, far from the linear time whatever the load.
    const canonical = toCanonicalRequestFromGemini('m', body, { stream: false });
    expect((canonical.messages[2] as { tool_call_id: string }).tool_call_id).toBe(
      `call-${count - 1}`,
    );
  }, 120_000);

  it('refuses a function response that answers no call', () => {
    expect(() =>
      decode({
        contents: [{ parts: [{ functionResponse: { name: 'weather', response: {} } }] }],
      }),
    ).toThrow(/contents\[0\]\.parts\[0\]\.functionResponse: no earlier functionCall of weather/);
  });

  it('writes UPPERCASE OpenAPI types as JSON Schema', () => {
    const [, second] = readRecording(fixture('recording-function-calling.json'));
    const canonical = decode(second!.request.bodySegments[0]);
    expect(canonical.tools?.[0]?.function.parameters).toEqual({
      properties: { denominator: { type: 'number' }, numerator: { type: 'number' } },
      type: 'object',
    });
    // The model's earlier call becomes an assistant tool call; the new question a user turn.
    expect(canonical.messages.map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'user',
    ]);
  });

  it('maps generationConfig, thinking budget included', () => {
    const [interaction] = readRecording(fixture('recording-thinking-budget.json'));
    const canonical = decode(interaction!.request.bodySegments[0]);
    // A 50-token budget is covered by the smallest effort (512 tokens on a Gemini channel).
    expect(canonical).toMatchObject({ max_tokens: 200, n: 1, reasoning_effort: 'minimal' });
    const levels = (config: GeminiGenerateContentInput['generationConfig']) =>
      decode({ contents: [{ parts: [{ text: 'x' }] }], generationConfig: config }).reasoning_effort;
    expect(levels({ thinkingConfig: { thinkingLevel: 'high' } })).toBe('high');
    expect(levels({ thinkingConfig: { thinkingBudget: 0 } })).toBeUndefined();
    expect(levels({ thinkingConfig: { thinkingBudget: -1 } })).toBe('medium');
    expect(levels({ thinkingConfig: { thinkingBudget: 20_000 } })).toBe('high');
  });

  it('sends the system instruction, inline images and a forced function', () => {
    const canonical = decode({
      systemInstruction: { parts: [{ text: 'Be brief.' }] },
      contents: [
        {
          role: 'user',
          parts: [
            { text: 'What is this?' },
            { inlineData: { mimeType: 'image/png', data: 'iVBO' } },
          ],
        },
      ],
      tools: [
        { functionDeclarations: [{ name: 'look', parametersJsonSchema: { type: 'object' } }] },
      ],
      toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['look'] } },
      generationConfig: { responseMimeType: 'application/json' },
    });
    expect(canonical.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is this?' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBO' } },
        ],
      },
    ]);
    expect(canonical.tool_choice).toEqual({ type: 'function', function: { name: 'look' } });
    expect(canonical.response_format).toEqual({ type: 'json_object' });
  });

  it('refuses Google’s built-in tools, which only Google runs', () => {
    expect(() =>
      decode({ contents: [{ parts: [{ text: 'x' }] }], tools: [{ googleSearch: {} }] }),
    ).toThrow(/tools\[0\]\.googleSearch/);
  });
});
