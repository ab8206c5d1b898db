import { describe, expect, it } from 'vitest';
import { chatRequestSchema } from '../../spec/openai-chat-request';
import { cohereAdapter } from './cohere-adapter';

const target = { baseUrl: 'https://api.cohere.com', apiKey: 'co-key', config: {} };

async function build(request: unknown) {
  const upstream = await cohereAdapter.buildChatRequest(chatRequestSchema.parse(request), target);
  return { ...upstream, json: JSON.parse(String(upstream.body)) };
}

describe('toCohereRequest', () => {
  it('posts a text request to /v2/chat with bearer auth and only the fields sent', async () => {
    const upstream = await build({
      model: 'command-a-03-2025',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Capital of France?' },
      ],
      max_completion_tokens: 50,
      temperature: 0.3,
      top_p: 0.9,
      stop: 'END',
      seed: 7,
    });
    expect(upstream.url).toBe('https://api.cohere.com/v2/chat');
    expect(upstream.method).toBe('POST');
    expect(upstream.headers).toEqual({
      'Content-Type': 'application/json',
      Authorization: 'Bearer co-key',
    });
    expect(upstream.json).toEqual({
      model: 'command-a-03-2025',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Capital of France?' },
      ],
      stream: false,
      max_tokens: 50,
      temperature: 0.3,
      p: 0.9,
      stop_sequences: ['END'],
      seed: 7,
    });
  });

  it('maps tools, a tool-call round trip and a named tool_choice', async () => {
    const weather = {
      type: 'function',
      function: { name: 'weather', description: 'Weather', parameters: { type: 'object' } },
    };
    const upstream = await build({
      model: 'command-a-03-2025',
      stream: true,
      messages: [
        { role: 'user', content: 'Weather in SF?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'c1', type: 'function', function: { name: 'weather', arguments: '{"l":"SF"}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'c1', content: '{"temp":18}' },
      ],
      tools: [weather, { type: 'function', function: { name: 'other' } }],
      tool_choice: { type: 'function', function: { name: 'weather' } },
    });
    expect(upstream.json).toEqual({
      model: 'command-a-03-2025',
      stream: true,
      messages: [
        { role: 'user', content: 'Weather in SF?' },
        {
          role: 'assistant',
          tool_calls: [
            { id: 'c1', type: 'function', function: { name: 'weather', arguments: '{"l":"SF"}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'c1', content: '{"temp":18}' },
      ],
      tools: [weather],
      tool_choice: 'REQUIRED',
    });
  });

  it('passes images as image_url parts and json_schema as json_object with json_schema', async () => {
    const upstream = await build({
      model: 'command-a-vision',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA', detail: 'low' } },
          ],
        },
      ],
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'x', schema: { type: 'object' } },
      },
    });
    expect(upstream.json.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is this?' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA', detail: 'low' } },
        ],
      },
    ]);
    expect(upstream.json.response_format).toEqual({
      type: 'json_object',
      json_schema: { type: 'object' },
    });
  });

  it('refuses audio parts rather than dropping them', async () => {
    await expect(
      build({
        model: 'm',
        messages: [
          {
            role: 'user',
            content: [{ type: 'input_audio', input_audio: { data: 'x', format: 'wav' } }],
          },
        ],
      }),
    ).rejects.toMatchObject({ code: 'unsupported', param: 'messages' });
  });
});
