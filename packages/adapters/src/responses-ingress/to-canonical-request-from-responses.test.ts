import { describe, expect, it } from 'vitest';
import { AdapterError } from '../spec/adapter-error';
import { chatRequestSchema } from '../spec/openai-chat-request';
import { readFixture } from '../testing/fixtures';
import { responsesRequestSchema } from './responses-request-schema';
import { toCanonicalRequestFromResponses } from './to-canonical-request-from-responses';

const fixture = (name: string) =>
  JSON.parse(readFixture(new URL(`./__fixtures__/${name}`, import.meta.url)));
const translate = (body: unknown) =>
  toCanonicalRequestFromResponses(responsesRequestSchema.parse(body));

describe('toCanonicalRequestFromResponses', () => {
  it('turns the recorded tool round trip into a chat conversation the chat schema accepts', () => {
    const canonical = translate(fixture('request-function-call-output.json'));
    expect(canonical.messages).toEqual([
      { role: 'user', content: 'What is the capital of France?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'fc_67e554a1de488191af0831d35cbe082e0794405d35281ae2',
            type: 'function',
            function: { name: 'get_capital', arguments: '{"country":"France"}' },
          },
        ],
      },
      {
        role: 'tool',
        tool_call_id: 'fc_67e554a1de488191af0831d35cbe082e0794405d35281ae2',
        content: 'Paris',
      },
    ]);
    expect(canonical.tools?.[0]?.function).toMatchObject({ name: 'get_capital', strict: true });
    expect(canonical.tool_choice).toBe('auto');
    expect(canonical.stream_options).toEqual({ include_usage: true });
    expect(chatRequestSchema.safeParse(canonical).success).toBe(true);
  });

  it('puts instructions first, makes developer turns system ones, joins a turn text with its calls, drops reasoning', () => {
    const canonical = translate({
      model: 'm',
      instructions: 'Be brief.',
      max_output_tokens: 300,
      reasoning: { effort: 'xhigh', summary: 'auto' },
      store: true,
      input: [
        { type: 'message', role: 'developer', content: [{ type: 'input_text', text: 'Rules' }] },
        { role: 'user', content: [{ type: 'input_text', text: 'Run ls' }] },
        { type: 'reasoning', id: 'rs_1', summary: [], encrypted_content: 'gAAA' },
        { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Sure.' }] },
        { type: 'function_call', call_id: 'call_1', name: 'exec', arguments: '{"cmd":"ls"}' },
        { type: 'function_call', call_id: 'call_2', name: 'exec', arguments: '{"cmd":"pwd"}' },
        { type: 'function_call_output', call_id: 'call_1', output: 'a.txt' },
        {
          type: 'function_call_output',
          call_id: 'call_2',
          output: [{ type: 'input_text', text: '/work' }],
        },
      ],
    });
    expect(canonical.messages.map((message) => message.role)).toEqual([
      'system',
      'system',
      'user',
      'assistant',
      'tool',
      'tool',
    ]);
    expect(canonical.messages[3]).toMatchObject({
      content: 'Sure.',
      tool_calls: [{ id: 'call_1' }, { id: 'call_2' }],
    });
    expect(canonical.messages[5]).toMatchObject({ content: '/work' });
    expect(canonical).toMatchObject({ max_tokens: 300, reasoning_effort: 'high' });
  });

  it('offers a namespace tool as flat functions and names history calls the same way', () => {
    const canonical = translate({
      model: 'm',
      tools: [
        {
          type: 'namespace',
          name: 'multi_agent_v1',
          description: 'Sub-agents',
          tools: [{ type: 'function', name: 'close_agent', parameters: { type: 'object' } }],
        },
      ],
      input: [
        {
          type: 'function_call',
          call_id: 'call_1',
          namespace: 'multi_agent_v1',
          name: 'close_agent',
          arguments: '{}',
        },
        { type: 'function_call_output', call_id: 'call_1', output: 'closed' },
      ],
    });
    expect(canonical.tools?.map((tool) => tool.function.name)).toEqual([
      'multi_agent_v1__close_agent',
    ]);
    expect(canonical.messages[0]).toMatchObject({
      tool_calls: [{ function: { name: 'multi_agent_v1__close_agent' } }],
    });
  });

  it('carries images and files by URL or data, and refuses ones only OpenAI stores', () => {
    const canonical = translate({
      model: 'm',
      input: [
        {
          role: 'user',
          content: [
            { type: 'input_text', text: 'What is this?' },
            { type: 'input_image', image_url: 'https://example.com/cat.png', detail: 'low' },
            {
              type: 'input_file',
              file_data: 'data:application/pdf;base64,JVBE',
              filename: 'a.pdf',
            },
          ],
        },
      ],
    });
    expect(canonical.messages[0]).toEqual({
      role: 'user',
      content: [
        { type: 'text', text: 'What is this?' },
        { type: 'image_url', image_url: { url: 'https://example.com/cat.png', detail: 'low' } },
        {
          type: 'file',
          file: { file_data: 'data:application/pdf;base64,JVBE', filename: 'a.pdf' },
        },
      ],
    });
    expect(() =>
      translate({
        model: 'm',
        input: [{ role: 'user', content: [{ type: 'input_image', file_id: 'file-1' }] }],
      }),
    ).toThrow(/image_url/);
  });

  it.each([
    ['previous_response_id', fixture('request-previous-response-id.json')],
    ['tools', { model: 'm', input: 'hi', tools: [{ type: 'web_search' }] }],
    ['input', { model: 'm', input: [{ type: 'item_reference', id: 'msg_1' }] }],
    ['conversation', { model: 'm', input: 'hi', conversation: 'conv_1' }],
  ])('refuses what it cannot carry (%s) with a 400 naming the field', (param, body) => {
    let thrown: unknown;
    try {
      translate(body);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AdapterError);
    expect(thrown).toMatchObject({ status: 400, param });
  });
});
