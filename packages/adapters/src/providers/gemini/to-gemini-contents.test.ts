import { describe, expect, it } from 'vitest';
import { type ChatMessage, chatRequestSchema } from '../../spec/openai-chat-request';
import { toGeminiContents } from './to-gemini-contents';

const parseMessages = (messages: unknown[]): ChatMessage[] =>
  chatRequestSchema.parse({ model: 'm', messages }).messages;
const convert = (messages: unknown[]) => toGeminiContents(parseMessages(messages), {});

const weatherCall = (id: string, city: string) => ({
  id,
  type: 'function',
  function: { name: 'weather', arguments: JSON.stringify({ city }) },
});

describe('toGeminiContents', () => {
  it('answers tool results with functionResponse parts named after the earlier call, in one user turn', async () => {
    const result = await convert([
      { role: 'user', content: 'Weather in Paris and Rome?' },
      {
        role: 'assistant',
        content: 'Checking.',
        tool_calls: [weatherCall('call_a', 'Paris'), weatherCall('call_b', 'Rome')],
      },
      { role: 'tool', tool_call_id: 'call_a', content: '{"celsius":21}' },
      { role: 'tool', tool_call_id: 'call_b', content: 'sunny' },
    ]);
    expect(result.contents).toEqual([
      { role: 'user', parts: [{ text: 'Weather in Paris and Rome?' }] },
      {
        role: 'model',
        parts: [
          { text: 'Checking.' },
          { functionCall: { name: 'weather', args: { city: 'Paris' } } },
          { functionCall: { name: 'weather', args: { city: 'Rome' } } },
        ],
      },
      {
        role: 'user',
        parts: [
          { functionResponse: { name: 'weather', response: { celsius: 21 } } },
          { functionResponse: { name: 'weather', response: { content: 'sunny' } } },
        ],
      },
    ]);
  });

  it('gathers every system and developer message into systemInstruction, in order', async () => {
    const result = await convert([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'hi' },
      { role: 'developer', content: [{ type: 'text', text: 'Answer in French.' }] },
      { role: 'user', content: 'again' },
    ]);
    expect(result.systemInstruction).toEqual({
      parts: [{ text: 'Be brief.' }, { text: 'Answer in French.' }],
    });
    // With the system message gone, the two user messages are adjacent and merge.
    expect(result.contents).toEqual([{ role: 'user', parts: [{ text: 'hi' }, { text: 'again' }] }]);
  });

  it('omits systemInstruction when there is no system message and drops empty turns', async () => {
    const result = await convert([
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: '' },
      { role: 'user', content: 'there' },
    ]);
    expect(result).toEqual({
      contents: [{ role: 'user', parts: [{ text: 'hi' }, { text: 'there' }] }],
    });
  });

  it('sends empty tool-call arguments as an empty object', async () => {
    const result = await convert([
      { role: 'user', content: 'now' },
      {
        role: 'assistant',
        tool_calls: [{ id: 'c', type: 'function', function: { name: 'clock', arguments: '' } }],
      },
    ]);
    expect(result.contents[1]).toEqual({
      role: 'model',
      parts: [{ functionCall: { name: 'clock', args: {} } }],
    });
  });

  it('rejects a tool result whose id no assistant tool call had', async () => {
    await expect(
      convert([
        { role: 'user', content: 'x' },
        { role: 'tool', tool_call_id: 'call_missing', content: 'r' },
      ]),
    ).rejects.toMatchObject({ code: 'invalid_request', param: 'messages' });
  });

  it('rejects tool-call arguments that are not a JSON object', async () => {
    for (const args of ['{oops', '[1,2]']) {
      await expect(
        convert([
          { role: 'user', content: 'x' },
          {
            role: 'assistant',
            tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: args } }],
          },
        ]),
      ).rejects.toMatchObject({ code: 'invalid_request' });
    }
  });

  it('sends audio and data: URL files inline, and refuses file ids', async () => {
    const result = await convert([
      {
        role: 'user',
        content: [
          { type: 'input_audio', input_audio: { data: 'UklGRg==', format: 'wav' } },
          { type: 'file', file: { file_data: 'data:application/pdf;base64,JVBERi0=' } },
        ],
      },
    ]);
    expect(result.contents[0]!.parts).toEqual([
      { inlineData: { mimeType: 'audio/wav', data: 'UklGRg==' } },
      { inlineData: { mimeType: 'application/pdf', data: 'JVBERi0=' } },
    ]);
    await expect(
      convert([{ role: 'user', content: [{ type: 'file', file: { file_id: 'file-1' } }] }]),
    ).rejects.toMatchObject({ code: 'unsupported' });
  });
});
