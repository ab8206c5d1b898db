import { describe, expect, it } from 'vitest';
import { chatRequestSchema } from '../../spec/openai-chat-request';
import { dashscopeAdapter } from './dashscope-adapter';

const target = { baseUrl: 'https://dashscope.aliyuncs.com', apiKey: 'sk-ds', config: {} };
const URL_PATH = 'https://dashscope.aliyuncs.com/api/v1/services/aigc/text-generation/generation';

async function build(request: unknown) {
  const upstream = await dashscopeAdapter.buildChatRequest(
    chatRequestSchema.parse(request),
    target,
  );
  return { ...upstream, json: JSON.parse(String(upstream.body)) };
}

describe('toDashScopeRequest', () => {
  it('sends a non-stream text request with a system message and no SSE header', async () => {
    const upstream = await build({
      model: 'qwen-plus',
      messages: [
        { role: 'developer', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      ],
      max_tokens: 100,
      temperature: 0.5,
      top_p: 0.8,
      stop: ['END'],
      seed: 1,
    });
    expect(upstream.url).toBe(URL_PATH);
    expect(upstream.headers).toEqual({
      'Content-Type': 'application/json',
      Authorization: 'Bearer sk-ds',
    });
    expect(upstream.json).toEqual({
      model: 'qwen-plus',
      input: {
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Hi' },
        ],
      },
      parameters: {
        result_format: 'message',
        max_tokens: 100,
        temperature: 0.5,
        top_p: 0.8,
        stop: ['END'],
        seed: 1,
      },
    });
  });

  it('streams with X-DashScope-SSE, incremental_output and the caller enable_thinking', async () => {
    const upstream = await build({
      model: 'qwen3-max',
      messages: [{ role: 'user', content: 'Hi' }],
      stream: true,
      enable_thinking: true,
    });
    expect(upstream.headers).toEqual({
      'Content-Type': 'application/json',
      Authorization: 'Bearer sk-ds',
      'X-DashScope-SSE': 'enable',
    });
    expect(upstream.json.parameters).toEqual({
      result_format: 'message',
      incremental_output: true,
      enable_thinking: true,
    });
  });

  it('sends tools, tool_choice and a tool-call round trip', async () => {
    const upstream = await build({
      model: 'qwen3-max',
      messages: [
        { role: 'user', content: 'Weather in SF?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'call_1',
              type: 'function',
              function: { name: 'weather', arguments: '{"location":"SF"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: 'sunny' },
      ],
      tools: [
        {
          type: 'function',
          function: {
            name: 'weather',
            description: 'Get weather',
            parameters: { type: 'object' },
            strict: true,
          },
        },
      ],
      tool_choice: 'auto',
    });
    expect(upstream.json.input.messages.slice(1)).toEqual([
      {
        role: 'assistant',
        content: '',
        tool_calls: [
          {
            id: 'call_1',
            type: 'function',
            function: { name: 'weather', arguments: '{"location":"SF"}' },
          },
        ],
      },
      { role: 'tool', content: 'sunny', tool_call_id: 'call_1' },
    ]);
    expect(upstream.json.parameters.tools).toEqual([
      {
        type: 'function',
        function: { name: 'weather', description: 'Get weather', parameters: { type: 'object' } },
      },
    ]);
    expect(upstream.json.parameters.tool_choice).toBe('auto');
  });

  it('refuses images: the text-generation endpoint takes text only', async () => {
    await expect(
      build({
        model: 'qwen-vl-max',
        messages: [
          {
            role: 'user',
            content: [{ type: 'image_url', image_url: { url: 'https://example.com/a.png' } }],
          },
        ],
      }),
    ).rejects.toMatchObject({ code: 'unsupported', param: 'messages' });
  });
});
