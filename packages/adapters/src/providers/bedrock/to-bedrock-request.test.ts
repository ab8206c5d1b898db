import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../spec/openai-chat-request';
import { toBedrockRequest } from './to-bedrock-request';

const MODEL = 'anthropic.claude-3-5-sonnet-20241022-v2:0';
const options = {};
const build = (request: Partial<ChatRequest> & Pick<ChatRequest, 'messages'>) =>
  toBedrockRequest({ ...request, model: request.model ?? MODEL }, options);

describe('toBedrockRequest: text and system', () => {
  it('sends only the messages when the caller sent nothing else', async () => {
    expect(await build({ messages: [{ role: 'user', content: 'Hello' }] })).toEqual({
      messages: [{ role: 'user', content: [{ text: 'Hello' }] }],
    });
  });

  it('lifts system and developer messages into system blocks and maps inference settings', async () => {
    const body = await build({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'developer', content: [{ type: 'text', text: 'Answer in French.' }] },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Hi' },
            { type: 'text', text: 'there' },
          ],
        },
      ],
      max_completion_tokens: 256,
      max_tokens: 10,
      temperature: 0.2,
      top_p: 0.9,
      stop: 'END',
      seed: 7,
      presence_penalty: 1,
    });
    expect(body).toEqual({
      system: [{ text: 'Be brief.' }, { text: 'Answer in French.' }],
      messages: [{ role: 'user', content: [{ text: 'Hi' }, { text: 'there' }] }],
      // max_completion_tokens wins over max_tokens; seed and penalties have no Converse field.
      inferenceConfig: { maxTokens: 256, temperature: 0.2, topP: 0.9, stopSequences: ['END'] },
    });
  });

  it('refuses n > 1, which Converse cannot answer', async () => {
    await expect(build({ messages: [{ role: 'user', content: 'x' }], n: 2 })).rejects.toMatchObject(
      {
        code: 'unsupported',
        param: 'n',
      },
    );
  });
});

describe('toBedrockRequest: tools', () => {
  const tools: ChatRequest['tools'] = [
    {
      type: 'function',
      function: {
        name: 'get_weather',
        description: 'Weather for a city',
        parameters: {
          type: 'object',
          properties: { city: { type: 'string' } },
          required: ['city'],
        },
      },
    },
    { type: 'function', function: { name: 'ping' } },
  ];

  it('maps tools to toolSpecs, with an empty object schema for a function without parameters', async () => {
    const body = await build({ messages: [{ role: 'user', content: 'x' }], tools });
    expect(body.toolConfig).toEqual({
      tools: [
        {
          toolSpec: {
            name: 'get_weather',
            description: 'Weather for a city',
            inputSchema: {
              json: {
                type: 'object',
                properties: { city: { type: 'string' } },
                required: ['city'],
              },
            },
          },
        },
        { toolSpec: { name: 'ping', inputSchema: { json: { type: 'object', properties: {} } } } },
      ],
    });
  });

  it.each([
    ['auto', { auto: {} }],
    ['required', { any: {} }],
    [{ type: 'function', function: { name: 'ping' } }, { tool: { name: 'ping' } }],
  ] as const)('maps tool_choice %j to %j', async (toolChoice, expected) => {
    const body = await build({
      messages: [{ role: 'user', content: 'x' }],
      tools,
      tool_choice: toolChoice,
    });
    expect(body.toolConfig?.toolChoice).toEqual(expected);
  });

  it('omits the tools for tool_choice "none"', async () => {
    const body = await build({
      messages: [{ role: 'user', content: 'x' }],
      tools,
      tool_choice: 'none',
    });
    expect(body.toolConfig).toBeUndefined();
  });

  it('sends tool calls as toolUse and results as toolResult, merging same-role turns', async () => {
    const body = await build({
      messages: [
        { role: 'user', content: 'Weather in Paris and Rome?' },
        {
          role: 'assistant',
          content: '',
          tool_calls: [
            {
              id: 'call_1',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
            },
            { id: 'call_2', type: 'function', function: { name: 'ping', arguments: '' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: '18C' },
        { role: 'tool', tool_call_id: 'call_2', content: [{ type: 'text', text: 'pong' }] },
        { role: 'user', content: 'Thanks' },
      ],
      tools,
    });
    expect(body.messages).toEqual([
      { role: 'user', content: [{ text: 'Weather in Paris and Rome?' }] },
      {
        role: 'assistant',
        content: [
          { toolUse: { toolUseId: 'call_1', name: 'get_weather', input: { city: 'Paris' } } },
          { toolUse: { toolUseId: 'call_2', name: 'ping', input: {} } },
        ],
      },
      {
        role: 'user',
        content: [
          { toolResult: { toolUseId: 'call_1', content: [{ text: '18C' }] } },
          { toolResult: { toolUseId: 'call_2', content: [{ text: 'pong' }] } },
          { text: 'Thanks' },
        ],
      },
    ]);
  });

  it('rejects tool arguments that are not a JSON object', async () => {
    const messages: ChatRequest['messages'] = [
      { role: 'user', content: 'x' },
      {
        role: 'assistant',
        tool_calls: [{ id: 'c', type: 'function', function: { name: 'ping', arguments: '[1]' } }],
      },
    ];
    await expect(build({ messages })).rejects.toMatchObject({
      code: 'invalid_request',
      param: 'messages',
    });
  });
});

describe('toBedrockRequest: reasoning_effort', () => {
  const messages: ChatRequest['messages'] = [{ role: 'user', content: 'Think.' }];

  it('maps effort to a Claude thinking budget, capped below max_tokens', async () => {
    const medium = await build({ messages, reasoning_effort: 'medium', max_tokens: 20_000 });
    expect(medium.additionalModelRequestFields).toEqual({
      thinking: { type: 'enabled', budget_tokens: 8192 },
    });
    const capped = await build({ messages, reasoning_effort: 'high', max_tokens: 4000 });
    expect(capped.additionalModelRequestFields).toEqual({
      thinking: { type: 'enabled', budget_tokens: 3999 },
    });
    const profile = await build({
      messages,
      reasoning_effort: 'minimal',
      model: 'us.anthropic.claude-3-7-sonnet-20250219-v1:0',
    });
    expect(profile.additionalModelRequestFields).toEqual({
      thinking: { type: 'enabled', budget_tokens: 1024 },
    });
  });

  it('does not forward it to other models, and refuses a max_tokens too small to think', async () => {
    const nova = await build({ messages, reasoning_effort: 'high', model: 'amazon.nova-pro-v1:0' });
    expect(nova.additionalModelRequestFields).toBeUndefined();
    await expect(
      build({ messages, reasoning_effort: 'low', max_tokens: 1024 }),
    ).rejects.toMatchObject({
      code: 'invalid_request',
      param: 'max_tokens',
    });
  });
});
