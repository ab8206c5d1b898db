import { readFileSync } from 'node:fs';
import type { FixtureServer } from '@oneapi/adapters/testing';
import OpenAI from 'openai';
import type {
  ChatCompletionChunk,
  ChatCompletionMessageParam,
  ChatCompletionTool,
} from 'openai/resources/chat/completions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockAnthropic } from '../../testing/mock-anthropic-upstream';
import { answerAsAnthropic, RECORDED_THINKING } from './claude-code-upstreams';
import { type ResponsesTestbed, startResponsesTestbed } from './responses-testbed';

const fixture = (name: string) =>
  readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const THINKING_MODEL = 'claude-opus-4-1';
const REDACTED_MODEL = 'claude-sonnet-4-0';
const READ_TOOL: ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'Read',
    description: 'Reads a file',
    parameters: { type: 'object', properties: { file_path: { type: 'string' } } },
  },
};

type Block = { type: string };
type Turn = { role: string; content: Block[] };
type ThinkingBlock = { type: string; thinking?: string; signature?: string; data?: string };
/** A delta as a LiteLLM-style client reads it: OpenAI's, plus the signed thinking. */
type ThinkingDelta = ChatCompletionChunk.Choice.Delta & { thinking_blocks?: ThinkingBlock[] };

const anthropicEvent = (type: string, data: object) =>
  `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;

/**
 * The recorded redacted-thinking stream (two `redacted_thinking` blocks, whole in their
 * `content_block_start`), its text block replaced by a call of Read, so that the redacted
 * blocks must come back on the tool-result turn.
 */
function redactedThinkingReadStream(): string {
  const recorded = fixture('messages-thinking-redacted-stream.sse');
  const thinking = recorded.slice(
    0,
    recorded.indexOf('event: content_block_start\ndata: {"type":"content_block_start","index":2'),
  );
  return [
    thinking,
    anthropicEvent('content_block_start', {
      index: 2,
      content_block: { type: 'tool_use', id: 'toolu_redacted_read', name: 'Read', input: {} },
    }),
    anthropicEvent('content_block_delta', {
      index: 2,
      delta: { type: 'input_json_delta', partial_json: '{"file_path":"/repo/README.md"}' },
    }),
    anthropicEvent('content_block_stop', { index: 2 }),
    anthropicEvent('message_delta', {
      delta: { stop_reason: 'tool_use', stop_sequence: null },
      usage: { output_tokens: 189 },
    }),
    anthropicEvent('message_stop', {}),
  ].join('');
}

/** The redacted blocks of the recorded stream, as Anthropic sent them. */
const RECORDED_REDACTED = [
  ...fixture('messages-thinking-redacted-stream.sse').matchAll(
    /"content_block":\{"type":"redacted_thinking","data":"([^"]+)"\}/g,
  ),
].map((match) => ({ type: 'redacted_thinking', data: match[1] }));

// An OpenAI-format client (LiteLLM-style, OpenCode) with thinking on (`reasoning_effort`) through
// a translated Anthropic channel, with the official openai SDK streaming: the signed thinking
// arrives in `delta.thinking_blocks`, and the client sends it back on the assistant message of
// the tool-result turn. The mock refuses that turn, as Anthropic does, unless the assistant turn
// starts with its thinking blocks.
describe('POST /v1/chat/completions to Anthropic with thinking, across a tool turn', () => {
  let testbed: ResponsesTestbed;
  let upstream: FixtureServer;
  let sdk: OpenAI;

  beforeAll(async () => {
    testbed = await startResponsesTestbed();
    const withThinking = answerAsAnthropic('/repo/README.md');
    upstream = await startMockAnthropic({
      apiKey: 'anthropic-upstream-key',
      answer: (request) => {
        const last = (request.messages as Turn[]).at(-1)!.content;
        const answered = Array.isArray(last) && last.some((block) => block.type === 'tool_result');
        if (request.model === REDACTED_MODEL)
          return {
            sse: answered ? fixture('messages-stream-text.sse') : redactedThinkingReadStream(),
          };
        if (request.stream) return withThinking(request);
        return {
          json: JSON.parse(
            fixture(answered ? 'messages-text.json' : 'messages-thinking-tool-use.json'),
          ),
        };
      },
    });
    await testbed.addChannel('anthropic', upstream.url, [THINKING_MODEL, REDACTED_MODEL]);
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

  const question: ChatCompletionMessageParam = { role: 'user', content: 'Summarize the README.' };
  const body = (model: string, messages: ChatCompletionMessageParam[]) => ({
    model,
    messages,
    tools: [READ_TOOL],
    reasoning_effort: 'medium' as const,
  });

  /** Streams a turn and folds it the way LiteLLM's stream builder does. */
  async function streamTurn(model: string, messages: ChatCompletionMessageParam[]) {
    const stream = await sdk.chat.completions.create({ ...body(model, messages), stream: true });
    const thinkingBlocks: ThinkingBlock[] = [];
    const toolCalls: Array<{ id: string; name: string; arguments: string }> = [];
    let content = '';
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta as ThinkingDelta | undefined;
      if (!delta) continue;
      content += delta.content ?? '';
      thinkingBlocks.push(...(delta.thinking_blocks ?? []));
      for (const call of delta.tool_calls ?? []) {
        toolCalls[call.index] ??= { id: '', name: '', arguments: '' };
        const folded = toolCalls[call.index]!;
        folded.id ||= call.id ?? '';
        folded.name ||= call.function?.name ?? '';
        folded.arguments += call.function?.arguments ?? '';
      }
    }
    return { content, thinkingBlocks, toolCalls };
  }

  /** The tool-result turn: the answer's assistant message sent back with its thinking. */
  const toolTurn = (
    first: Awaited<ReturnType<typeof streamTurn>>,
    thinkingBlocks: ThinkingBlock[],
  ): ChatCompletionMessageParam[] => [
    question,
    {
      role: 'assistant',
      content: first.content || null,
      tool_calls: first.toolCalls.map((call) => ({
        id: call.id,
        type: 'function',
        function: { name: call.name, arguments: call.arguments },
      })),
      // The field LiteLLM reads back; not in the SDK's types.
      ...({ thinking_blocks: thinkingBlocks } as object),
    },
    { role: 'tool', tool_call_id: first.toolCalls[0]!.id, content: '# oneapi' },
  ];

  const sentToUpstream = () =>
    JSON.parse(upstream.requests.at(-1)!.body) as { thinking?: { type: string }; messages: Turn[] };

  it('streams the signed thinking block, and its return reaches Anthropic intact', async () => {
    const first = await streamTurn(THINKING_MODEL, [question]);
    expect(first.thinkingBlocks).toEqual([RECORDED_THINKING]);
    expect(first.toolCalls).toHaveLength(1);

    // Without the block, the upstream refuses the turn in Anthropic's words.
    await expect(streamTurn(THINKING_MODEL, toolTurn(first, []))).rejects.toThrow(
      /Expected `thinking` or `redacted_thinking`, but found `tool_use`/,
    );

    const second = await streamTurn(THINKING_MODEL, toolTurn(first, first.thinkingBlocks));
    expect(second.content).not.toBe('');
    const sent = sentToUpstream();
    expect(sent.thinking?.type).toBe('enabled');
    expect(sent.messages[1]!.content[0]).toEqual(RECORDED_THINKING);
    expect(sent.messages[1]!.content.at(-1)).toMatchObject({
      type: 'tool_use',
      id: first.toolCalls[0]!.id,
    });
  });

  it('streams the same thinking blocks a buffered answer holds', async () => {
    const streamed = await streamTurn(THINKING_MODEL, [question]);
    const buffered = await sdk.chat.completions.create(body(THINKING_MODEL, [question]));
    const message = buffered.choices[0]!.message as { thinking_blocks?: ThinkingBlock[] };
    expect(streamed.thinkingBlocks).toEqual(message.thinking_blocks);
  });

  it('streams redacted_thinking blocks whole, and they reach Anthropic intact', async () => {
    const first = await streamTurn(REDACTED_MODEL, [question]);
    expect(RECORDED_REDACTED).toHaveLength(2);
    expect(first.thinkingBlocks).toEqual(RECORDED_REDACTED);

    const second = await streamTurn(REDACTED_MODEL, toolTurn(first, first.thinkingBlocks));
    expect(second.content).not.toBe('');
    const sent = sentToUpstream();
    expect(sent.messages[1]!.content.slice(0, 2)).toEqual(RECORDED_REDACTED);
    expect(sent.messages[1]!.content[2]).toMatchObject({
      type: 'tool_use',
      id: 'toolu_redacted_read',
    });
  });
});
