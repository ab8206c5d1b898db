import { describe, expect, it } from 'vitest';
import { chatRequestSchema } from '../../spec/openai-chat-request';
import { readFixture } from '../../testing/fixtures';
import { ollamaAdapter } from './ollama-adapter';

const local = { baseUrl: 'http://localhost:11434', apiKey: '', config: {} };
const fixture = (name: string) =>
  JSON.parse(readFixture(new URL(`./__fixtures__/${name}`, import.meta.url)));

async function build(request: unknown, target = local) {
  const upstream = await ollamaAdapter.buildChatRequest(chatRequestSchema.parse(request), target);
  return { ...upstream, json: JSON.parse(String(upstream.body)) };
}

describe('toOllamaRequest', () => {
  it('posts the documented text body with stream:false spelled out and no auth', async () => {
    const upstream = await build({
      model: 'llama3.2',
      messages: [{ role: 'user', content: 'why is the sky blue?' }],
    });
    expect(upstream.url).toBe('http://localhost:11434/api/chat');
    expect(upstream.method).toBe('POST');
    expect(upstream.headers).toEqual({ 'Content-Type': 'application/json' });
    expect(upstream.json).toEqual({ ...fixture('api-chat-request.json'), stream: false });
  });

  it('sends a bearer key when one is set, system messages, options and json format', async () => {
    const upstream = await build(
      {
        model: 'llama3.2',
        messages: [
          { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
          { role: 'user', content: 'hi' },
        ],
        stream: true,
        temperature: 0.2,
        top_p: 0.8,
        max_tokens: 64,
        stop: ['\n\n'],
        seed: 3,
        response_format: { type: 'json_object' },
      },
      { ...local, apiKey: 'ollama-key' },
    );
    expect(upstream.headers).toEqual({
      'Content-Type': 'application/json',
      Authorization: 'Bearer ollama-key',
    });
    expect(upstream.json).toEqual({
      model: 'llama3.2',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'hi' },
      ],
      stream: true,
      options: { temperature: 0.2, top_p: 0.8, num_predict: 64, stop: ['\n\n'], seed: 3 },
      format: 'json',
    });
  });

  it('sends a json_schema response_format as the schema itself', async () => {
    const schema = { type: 'object', properties: { a: { type: 'string' } } };
    const upstream = await build({
      model: 'llama3.2',
      messages: [{ role: 'user', content: 'x' }],
      response_format: { type: 'json_schema', json_schema: { name: 'a', schema } },
    });
    expect(upstream.json.format).toEqual(schema);
  });

  it('sends tools as documented and withholds them for tool_choice none', async () => {
    const documented = fixture('api-chat-tools-request.json');
    const request = { model: 'llama3.2', messages: documented.messages, tools: documented.tools };
    expect((await build({ ...request, stream: true })).json).toEqual(documented);
    expect((await build({ ...request, tool_choice: 'none' })).json.tools).toBeUndefined();
  });

  it('turns a tool-call round trip into object arguments and a named tool result', async () => {
    const upstream = await build({
      model: 'llama3.2',
      messages: [
        { role: 'user', content: 'weather in tokyo?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'call_1',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Tokyo"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: '22C' },
      ],
    });
    expect(upstream.json.messages.slice(1)).toEqual([
      {
        role: 'assistant',
        content: '',
        tool_calls: [{ function: { name: 'get_weather', arguments: { city: 'Tokyo' } } }],
      },
      { role: 'tool', content: '22C', tool_name: 'get_weather' },
    ]);
  });

  it('rejects tool-call arguments that are not a JSON object', async () => {
    const call = { id: 'c', type: 'function', function: { name: 'f', arguments: '[1]' } };
    await expect(
      build({ model: 'm', messages: [{ role: 'assistant', content: null, tool_calls: [call] }] }),
    ).rejects.toMatchObject({ code: 'invalid_request' });
  });
});
