import { describe, expect, it } from 'vitest';
import { chatRequestSchema } from '../../spec/openai-chat-request';
import { geminiAdapter } from './gemini-adapter';

const target = { baseUrl: 'https://generativelanguage.googleapis.com', apiKey: 'k', config: {} };

describe('Gemini thought signatures', () => {
  it('carries a call’s signature in its tool-call id and sends it back on replay', async () => {
    const request = chatRequestSchema.parse({
      model: 'gemini-3-pro-preview',
      messages: [{ role: 'user', content: 'x' }],
    });
    const completion = geminiAdapter.parseChatResponse(
      {
        candidates: [
          {
            content: {
              role: 'model',
              parts: [
                {
                  functionCall: { name: 'weather', args: { city: 'Paris' } },
                  thoughtSignature: 'c2lnbmF0dXJl',
                },
              ],
            },
            finishReason: 'STOP',
          },
        ],
      },
      request,
    );
    const call = completion.choices[0]!.message.tool_calls![0]!;
    expect(call.id).toContain('c2lnbmF0dXJl');
    const replay = await geminiAdapter.buildChatRequest(
      chatRequestSchema.parse({
        model: 'gemini-3-pro-preview',
        messages: [
          { role: 'user', content: 'Weather?' },
          { role: 'assistant', content: null, tool_calls: [call] },
          { role: 'tool', tool_call_id: call.id, content: '18C' },
        ],
      }),
      target,
    );
    const body = JSON.parse(String(replay.body));
    expect(body.contents[1].parts[0]).toEqual({
      functionCall: { name: 'weather', args: { city: 'Paris' } },
      thoughtSignature: 'c2lnbmF0dXJl',
    });
    expect(body.contents[2].parts[0].functionResponse.name).toBe('weather');
  });

  it('sends the documented skip sentinel for signature-less history on Gemini 3 only', async () => {
    const history = (model: string) =>
      chatRequestSchema.parse({
        model,
        messages: [
          { role: 'user', content: 'Weather?' },
          {
            role: 'assistant',
            content: null,
            tool_calls: [
              { id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{}' } },
            ],
          },
          { role: 'tool', tool_call_id: 'call_1', content: '18C' },
        ],
      });
    const gemini3 = JSON.parse(
      String(
        (await geminiAdapter.buildChatRequest(history('gemini-3-flash-preview'), target)).body,
      ),
    );
    expect(gemini3.contents[1].parts[0].thoughtSignature).toBe('skip_thought_signature_validator');
    const gemini25 = JSON.parse(
      String((await geminiAdapter.buildChatRequest(history('gemini-2.5-flash'), target)).body),
    );
    expect(gemini25.contents[1].parts[0]).not.toHaveProperty('thoughtSignature');
  });
});
