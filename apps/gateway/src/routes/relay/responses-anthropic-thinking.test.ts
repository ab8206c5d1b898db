import { readFileSync } from 'node:fs';
import type { FixtureServer } from '@oneapi/adapters/testing';
import OpenAI from 'openai';
import type {
  ResponseFunctionToolCall,
  ResponseInputItem,
  ResponseReasoningItem,
} from 'openai/resources/responses/responses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockAnthropic } from '../../testing/mock-anthropic-upstream';
import { answerAsAnthropic, RECORDED_THINKING } from './claude-code-upstreams';
import { type ResponsesTestbed, startResponsesTestbed } from './responses-testbed';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));
const MODEL = 'claude-opus-4-1';
const READ_TOOL = {
  type: 'function' as const,
  name: 'Read',
  description: 'Reads a file',
  parameters: { type: 'object', properties: { file_path: { type: 'string' } } },
  strict: false,
};

type Block = { type: string };
type Turn = { role: string; content: Block[] };

// Codex's conversation with thinking on (`reasoning.effort`) through a translated Anthropic
// channel, with the official openai SDK as the client, as Codex sends it: `store: false`,
// `include: ["reasoning.encrypted_content"]`, and every output item sent back as input on the
// next turn. The mock upstream refuses the tool-result turn, as Anthropic does, unless the
// assistant turn before it starts with its thinking block.
describe('POST /v1/responses to Anthropic with thinking, across a tool turn', () => {
  let testbed: ResponsesTestbed;
  let upstream: FixtureServer;
  let sdk: OpenAI;

  beforeAll(async () => {
    testbed = await startResponsesTestbed();
    const streamed = answerAsAnthropic('/repo/README.md');
    upstream = await startMockAnthropic({
      apiKey: 'anthropic-upstream-key',
      answer: (request) => {
        if (request.stream) return streamed(request);
        const last = (request.messages as Turn[]).at(-1)!.content;
        const answered = Array.isArray(last) && last.some((block) => block.type === 'tool_result');
        return {
          json: fixture(answered ? 'messages-text.json' : 'messages-thinking-tool-use.json'),
        };
      },
    });
    await testbed.addChannel('anthropic', upstream.url, [MODEL]);
    sdk = new OpenAI({
      apiKey: testbed.apiKey,
      baseURL: `${testbed.gateway.url}/v1`,
      maxRetries: 0,
    });
  });

  afterAll(async () => {
    await testbed?.close();
    await upstream?.close();
  });

  const question: ResponseInputItem = { role: 'user', content: 'Summarize the README.' };
  const ask = async (input: ResponseInputItem[], stream: boolean) => {
    const body = {
      model: MODEL,
      input,
      tools: [READ_TOOL],
      reasoning: { effort: 'medium' as const },
      include: ['reasoning.encrypted_content' as const],
      store: false,
    };
    return stream
      ? sdk.responses.stream(body).finalResponse()
      : sdk.responses.create({ ...body, stream: false });
  };

  it.each([
    ['streamed', true],
    ['buffered', false],
  ])('sends the signed thinking back on the tool turn (%s)', async (_mode, stream) => {
    const first = await ask([question], stream);
    const reasoning = first.output.find((item) => item.type === 'reasoning') as
      | ResponseReasoningItem
      | undefined;
    expect(reasoning?.summary).toEqual([
      { type: 'summary_text', text: RECORDED_THINKING.thinking },
    ]);
    expect(reasoning?.encrypted_content).toMatch(/^oneapi\.thinking\.v1\./);
    const call = first.output.find((item) => item.type === 'function_call') as
      | ResponseFunctionToolCall
      | undefined;
    expect(call).toBeDefined();

    const second = await ask(
      [
        question,
        ...(first.output as ResponseInputItem[]),
        { type: 'function_call_output', call_id: call!.call_id, output: '# oneapi' },
      ],
      stream,
    );
    expect(second.status).toBe('completed');
    expect(second.output_text).not.toBe('');
    const sent = JSON.parse(upstream.requests.at(-1)!.body) as {
      thinking: { type: string };
      messages: Turn[];
    };
    expect(sent.thinking.type).toBe('enabled');
    // The block as Anthropic signed it, first in the turn that called the tool.
    expect(sent.messages[1]!.content[0]).toEqual(RECORDED_THINKING);
    expect(sent.messages[1]!.content.at(-1)).toMatchObject({ type: 'tool_use', id: call!.call_id });
  });
});
