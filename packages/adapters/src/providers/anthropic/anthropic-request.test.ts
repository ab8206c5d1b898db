import { describe, expect, it } from 'vitest';
import { AdapterError } from '../../spec/adapter-error';
import { type ChatRequest, chatRequestSchema } from '../../spec/openai-chat-request';
import { anthropicAdapter } from './anthropic-adapter';

const target = { baseUrl: 'https://api.anthropic.com', apiKey: 'sk-ant-test', config: {} };
const build = async (request: Partial<ChatRequest>) => {
  const parsed = chatRequestSchema.parse({ model: 'claude-sonnet-4-5', messages: [], ...request });
  const upstream = await anthropicAdapter.buildChatRequest(parsed, target);
  return { ...upstream, json: JSON.parse(String(upstream.body)) };
};

describe('Anthropic request translation', () => {
  it('builds the URL, headers and body of a plain chat', async () => {
    const upstream = await build({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'developer', content: 'Answer in English.' },
        { role: 'user', content: 'Hi' },
      ],
      temperature: 1.5,
      stop: 'END',
      user: 'u-1',
    });
    expect(upstream.url).toBe('https://api.anthropic.com/v1/messages');
    expect(upstream.headers).toEqual({
      'content-type': 'application/json',
      'x-api-key': 'sk-ant-test',
      'anthropic-version': '2023-06-01',
    });
    expect(upstream.json).toEqual({
      model: 'claude-sonnet-4-5',
      max_tokens: 4096,
      system: 'Be brief.\n\nAnswer in English.',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
      temperature: 1,
      stop_sequences: ['END'],
      metadata: { user_id: 'u-1' },
    });
  });

  it('turns tool calls and results into tool_use and merged tool_result turns', async () => {
    const upstream = await build({
      max_completion_tokens: 300,
      messages: [
        { role: 'user', content: 'Weather in Paris and Rome?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'toolu_1',
              type: 'function',
              function: { name: 'weather', arguments: '{"city":"Paris"}' },
            },
            {
              id: 'toolu_2',
              type: 'function',
              function: { name: 'weather', arguments: '{"city":"Rome"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'toolu_1', content: '18C' },
        { role: 'tool', tool_call_id: 'toolu_2', content: '24C' },
        { role: 'user', content: 'Thanks' },
      ],
      tools: [
        {
          type: 'function',
          function: {
            name: 'weather',
            description: 'Weather',
            parameters: { type: 'object', properties: { city: { type: 'string' } } },
          },
        },
      ],
      tool_choice: 'required',
      parallel_tool_calls: false,
    });
    expect(upstream.json.max_tokens).toBe(300);
    expect(upstream.json.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Weather in Paris and Rome?' }] },
      {
        role: 'assistant',
        content: [
          { type: 'tool_use', id: 'toolu_1', name: 'weather', input: { city: 'Paris' } },
          { type: 'tool_use', id: 'toolu_2', name: 'weather', input: { city: 'Rome' } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_1', content: '18C' },
          { type: 'tool_result', tool_use_id: 'toolu_2', content: '24C' },
          { type: 'text', text: 'Thanks' },
        ],
      },
    ]);
    expect(upstream.json.tools).toEqual([
      {
        name: 'weather',
        description: 'Weather',
        input_schema: { type: 'object', properties: { city: { type: 'string' } } },
      },
    ]);
    expect(upstream.json.tool_choice).toEqual({ type: 'any', disable_parallel_tool_use: true });
  });

  it('sends data-URL images as base64 and https images as URLs', async () => {
    const upstream = await build({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Compare' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
            { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg' } },
          ],
        },
      ],
    });
    expect(upstream.json.messages[0].content).toEqual([
      { type: 'text', text: 'Compare' },
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
      { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
    ]);
  });

  it('maps reasoning_effort to a thinking budget below max_tokens and drops temperature', async () => {
    const upstream = await build({
      messages: [{ role: 'user', content: 'Think' }],
      reasoning_effort: 'high',
      max_tokens: 10_000,
      temperature: 0.2,
    });
    expect(upstream.json.thinking).toEqual({ type: 'enabled', budget_tokens: 9_999 });
    expect(upstream.json.temperature).toBeUndefined();
  });

  it('refuses what Anthropic cannot do, naming the parameter', async () => {
    await expect(build({ messages: [{ role: 'user', content: 'x' }], n: 2 })).rejects.toMatchObject(
      {
        code: 'unsupported',
        param: 'n',
      },
    );
    const badArguments = build({
      messages: [
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'a', type: 'function', function: { name: 'f', arguments: '{oops' } }],
        },
      ],
    });
    await expect(badArguments).rejects.toBeInstanceOf(AdapterError);
    await expect(badArguments).rejects.toMatchObject({
      param: 'messages[0].tool_calls[0].function.arguments',
    });
  });
});
