import { readFileSync } from 'node:fs';
import type { FixtureReply, RecordedRequest } from '@oneapi/adapters/testing';
import { encodeEventStream } from '../../testing/aws-event-stream';

/*
 * Scripted upstreams for Claude Code's tool round trip, one per provider family, in each
 * provider's recorded format (the captures under __fixtures__, their tool call rewritten to
 * Claude Code's Read tool on one file): the first turn calls Read, the turn that brings its
 * result back gets the recorded text answer. Each refuses what its API refuses on the way.
 */

const fixture = (name: string) =>
  readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

/** The `data:` payloads of an SSE capture, parsed. */
const dataOf = (sse: string) =>
  [...sse.matchAll(/^data: ?(.*)$/gm)]
    .map((match) => match[1]!.trim())
    .filter((data) => data !== '[DONE]')
    .map((data) => JSON.parse(data) as Record<string, unknown>);

const json = (status: number, body: unknown): FixtureReply => ({
  status,
  body: JSON.stringify(body),
});
const sse = (body: string): FixtureReply => ({
  headers: { 'content-type': 'text/event-stream' },
  body,
  // Cut inside events, to exercise the gateway's parser.
  splitAt: [7, 150, 151, 400],
});

// --- Anthropic (and Claude on Bedrock) ---------------------------------------------------

/** The recorded thinking block (with its signature) that opens the tool-use turn. */
export const RECORDED_THINKING = JSON.parse(fixture('messages-thinking-tool-use.json')).content[0];

const anthropicEvent = (type: string, data: object) =>
  `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;

/** The recorded thinking tool-use answer, calling Read, as Anthropic streams it. */
function anthropicReadStream(filePath: string, model: string): string {
  const recorded = JSON.parse(fixture('messages-thinking-tool-use.json'));
  const input = JSON.stringify({ file_path: filePath });
  const cut = Math.floor(input.length / 2);
  const { output_tokens, ...inputUsage } = recorded.usage;
  return [
    anthropicEvent('message_start', {
      message: {
        ...recorded,
        model,
        content: [],
        stop_reason: null,
        usage: { ...inputUsage, output_tokens: 1 },
      },
    }),
    anthropicEvent('content_block_start', {
      index: 0,
      content_block: { type: 'thinking', thinking: '', signature: '' },
    }),
    anthropicEvent('content_block_delta', {
      index: 0,
      delta: { type: 'thinking_delta', thinking: RECORDED_THINKING.thinking },
    }),
    anthropicEvent('content_block_delta', {
      index: 0,
      delta: { type: 'signature_delta', signature: RECORDED_THINKING.signature },
    }),
    anthropicEvent('content_block_stop', { index: 0 }),
    anthropicEvent('content_block_start', {
      index: 1,
      content_block: { type: 'tool_use', id: recorded.content[2].id, name: 'Read', input: {} },
    }),
    ...[input.slice(0, cut), input.slice(cut)].map((partial_json) =>
      anthropicEvent('content_block_delta', {
        index: 1,
        delta: { type: 'input_json_delta', partial_json },
      }),
    ),
    anthropicEvent('content_block_stop', { index: 1 }),
    anthropicEvent('message_delta', {
      delta: { stop_reason: 'tool_use', stop_sequence: null },
      usage: { output_tokens },
    }),
    anthropicEvent('message_stop', {}),
  ].join('');
}

type AnthropicBlock = { type?: string; tool_use_id?: string };

/**
 * For `startMockAnthropic` (either dialect): a thinking block and a Read call, then the
 * recorded text once the tool result came back. The mock refuses the tool-result turn if
 * the thinking block was lost.
 */
export function answerAsAnthropic(filePath: string) {
  return (request: Record<string, unknown>): { sse: string } => {
    const last = (request.messages as Array<{ content: unknown }>).at(-1)?.content;
    const answered =
      Array.isArray(last) && last.some((block: AnthropicBlock) => block.type === 'tool_result');
    return {
      sse: answered
        ? fixture('messages-stream-text.sse')
        : anthropicReadStream(filePath, String(request.model)),
    };
  };
}

// --- OpenAI chat completions --------------------------------------------------------------

/** OpenAI's reasoning models (o-series, gpt-5 but not gpt-5-chat). */
const isReasoningModel = (model: string) => /^(o\d|gpt-5(?!(\.\d+)?-chat))/.test(model);
/**
 * Context windows of the old models, in tokens: a prompt beyond one gets the recorded
 * context-length refusal (a gpt-3.5-turbo one, 4,097 tokens), whose counts it keeps.
 */
const CONTEXT_WINDOWS: Readonly<Record<string, number>> = { 'gpt-3.5-turbo': 4097 };
/** Completion tokens the chat models accept at most (gpt-4o's limit). */
const CHAT_MODEL_MAX_COMPLETION_TOKENS = 16_384;
const OPENAI_ROLES = ['system', 'developer', 'user', 'assistant', 'tool', 'function'];

const openAIError = (message: string, param: string, code: string | null) =>
  json(400, { error: { message, type: 'invalid_request_error', param, code } });

type OpenAIMessage = { role: string; tool_call_id?: string; tool_calls?: Array<{ id: string }> };

/** What OpenAI refuses in a chat request, in its words; undefined when it would answer. */
function refuseOpenAIRequest(
  request: Record<string, unknown>,
  body: string,
): FixtureReply | undefined {
  const model = String(request.model);
  // About four characters a token: Claude Code's tools alone are some 12,000 tokens.
  if (body.length / 4 > (CONTEXT_WINDOWS[model] ?? Number.POSITIVE_INFINITY))
    return { status: 400, body: fixture('error-400-context-length-exceeded.json') };
  if (isReasoningModel(model)) {
    if (request.max_tokens !== undefined)
      return { status: 400, body: fixture('error-400-unsupported-parameter.json') };
  } else {
    if (request.reasoning_effort !== undefined)
      return openAIError(
        "Unsupported parameter: 'reasoning_effort' is not supported with this model.",
        'reasoning_effort',
        'unsupported_parameter',
      );
    const maxTokens = Number(request.max_tokens ?? request.max_completion_tokens ?? 0);
    if (maxTokens > CHAT_MODEL_MAX_COMPLETION_TOKENS)
      return openAIError(
        `max_tokens is too large: ${maxTokens}. This model supports at most ${CHAT_MODEL_MAX_COMPLETION_TOKENS} completion tokens, whereas you provided ${maxTokens}.`,
        'max_tokens',
        'invalid_value',
      );
  }
  let offered = new Set<string>();
  for (const [index, message] of (request.messages as OpenAIMessage[]).entries()) {
    if (!OPENAI_ROLES.includes(message.role))
      return openAIError(
        `Invalid value: '${message.role}'. Supported values are: 'system', 'assistant', 'user', 'function', 'tool', and 'developer'.`,
        `messages[${index}].role`,
        'invalid_value',
      );
    if (message.role === 'assistant') offered = new Set(message.tool_calls?.map((call) => call.id));
    if (message.role === 'tool' && !offered.has(message.tool_call_id!))
      return openAIError(
        "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.",
        'messages',
        null,
      );
  }
  return undefined;
}

/** The recorded streamed tool call, calling Read on the file: its arguments in two pieces. */
function openAIReadStream(filePath: string): string {
  const chunks = dataOf(fixture('chat-stream-tool-call.sse'));
  const callOf = (chunk: Record<string, unknown>) =>
    (chunk.choices as Array<{ delta: { tool_calls?: Array<Record<string, unknown>> } }>)[0]?.delta
      .tool_calls?.[0];
  const [opening, fragment] = chunks.filter((chunk) => callOf(chunk));
  const rest = chunks.filter((chunk) => !callOf(chunk));
  const args = JSON.stringify({ file_path: filePath });
  const cut = Math.floor(args.length / 2);
  const withCall = (chunk: Record<string, unknown>, change: (call: object) => object) =>
    JSON.parse(JSON.stringify(chunk), (key, value) =>
      key === 'tool_calls' ? [change(value[0])] : value,
    );
  const scripted = [
    withCall(opening!, (call) => ({ ...call, function: { name: 'Read', arguments: '' } })),
    ...[args.slice(0, cut), args.slice(cut)].map((piece) =>
      withCall(fragment!, (call) => ({ ...call, function: { arguments: piece } })),
    ),
    ...rest,
  ];
  return `${scripted.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`).join('')}data: [DONE]\n\n`;
}

/** OpenAI chat completions, streamed: a Read call first, the recorded text after its result. */
export function answerAsOpenAI(filePath: string, apiKey: string) {
  return ({ headers, body }: RecordedRequest): FixtureReply => {
    if (headers.authorization !== `Bearer ${apiKey}`)
      return { status: 401, body: fixture('error-401-invalid-api-key.json') };
    const request = JSON.parse(body) as Record<string, unknown>;
    const refusal = refuseOpenAIRequest(request, body);
    if (refusal) return refusal;
    const answered = (request.messages as OpenAIMessage[]).at(-1)?.role === 'tool';
    return sse(answered ? fixture('chat-stream-include-usage.sse') : openAIReadStream(filePath));
  };
}

// --- DeepSeek (an OpenAI-compatible vendor that returns its reasoning) ----------------------

const reasonerChunks = fixture('chat-stream-reasoning.chunks.jsonl')
  .split('\n')
  .filter((line) => line.trim() !== '');
const deltasOf = (field: 'reasoning_content' | 'content') =>
  reasonerChunks.map((line) => JSON.parse(line).choices[0]?.delta?.[field] ?? '').join('');

/** The reasoning and the answer of the recorded deepseek-reasoner stream. */
export const RECORDED_REASONING = deltasOf('reasoning_content');
export const RECORDED_REASONER_ANSWER = deltasOf('content');

/** DeepSeek's chat completions: the recorded reasoning stream, reasoning first. */
export function answerAsDeepSeek(apiKey: string) {
  return ({ headers }: RecordedRequest): FixtureReply =>
    headers.authorization !== `Bearer ${apiKey}`
      ? { status: 401, body: fixture('error-401-invalid-api-key.json') }
      : sse(`${reasonerChunks.map((chunk) => `data: ${chunk}\n\n`).join('')}data: [DONE]\n\n`);
}

// --- Gemini -------------------------------------------------------------------------------

/** The signature the recorded Gemini 3 stream put on its function call. */
export const RECORDED_SIGNATURE = /"thoughtSignature": "([^"]+)"/.exec(
  fixture('thought-signature-stream-function-call.sse'),
)![1]!;

type GeminiPart = { functionCall?: object; functionResponse?: object; thoughtSignature?: string };
type GeminiContent = { role?: string; parts: GeminiPart[] };

const geminiError = (message: string) =>
  json(400, { error: { code: 400, message, status: 'INVALID_ARGUMENT' } });

/** What Gemini refuses in a generateContent request; undefined when it would answer. */
function refuseGeminiRequest(model: string, request: Record<string, unknown>) {
  const contents = request.contents as GeminiContent[];
  if (contents.some((content) => content.role !== 'user' && content.role !== 'model'))
    return geminiError('Please use a valid role: user, model.');
  const thinking = (request.generationConfig as { thinkingConfig?: Record<string, unknown> })
    ?.thinkingConfig;
  const gemini3 = model.startsWith('gemini-3');
  if (thinking?.thinkingLevel !== undefined && (!gemini3 || thinking.thinkingBudget !== undefined))
    return geminiError('Thinking level is not supported for this model.');
  for (const [index, content] of contents.entries()) {
    const calls = content.parts.filter((part) => part.functionCall);
    // Gemini 3 validates the signature of every function call it made (Gemini 2.5 does not).
    if (gemini3 && calls.some((part) => part.thoughtSignature !== RECORDED_SIGNATURE))
      return geminiError('Function call is missing a thought_signature in functionCall parts.');
    const responses = contents[index + 1]?.parts.filter((part) => part.functionResponse) ?? [];
    if (calls.length > 0 && responses.length !== calls.length)
      return geminiError(
        'Please ensure that the number of function response parts is equal to the number of function call parts of the function call turn.',
      );
  }
  return undefined;
}

/** The recorded Gemini 3 function-call stream (signature and all), calling Read. */
function geminiReadStream(filePath: string): string {
  return dataOf(fixture('thought-signature-stream-function-call.sse'))
    .map((chunk) =>
      JSON.parse(JSON.stringify(chunk), (key, value) =>
        key === 'functionCall' ? { name: 'Read', args: { file_path: filePath } } : value,
      ),
    )
    .map((chunk) => `data: ${JSON.stringify(chunk)}\r\n\r\n`)
    .join('');
}

/** Gemini's streamGenerateContent: a signed Read call first, the recorded text after. */
export function answerAsGemini(filePath: string, apiKey: string) {
  return ({ url, headers, body }: RecordedRequest): FixtureReply => {
    if (headers['x-goog-api-key'] !== apiKey)
      return json(400, {
        error: {
          code: 400,
          message: 'API key not valid. Please pass a valid API key.',
          status: 'INVALID_ARGUMENT',
          details: [
            {
              '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
              reason: 'API_KEY_INVALID',
              domain: 'googleapis.com',
            },
          ],
        },
      });
    const model = /\/models\/([^:]+):/.exec(url)?.[1] ?? '';
    const request = JSON.parse(body) as Record<string, unknown>;
    const refusal = refuseGeminiRequest(model, request);
    if (refusal) return refusal;
    const contents = request.contents as GeminiContent[];
    const answered = contents.at(-1)?.parts.some((part) => part.functionResponse) ?? false;
    return sse(
      answered ? fixture('thought-signature-followup-stream.sse') : geminiReadStream(filePath),
    );
  };
}

// --- Bedrock Converse (the models Bedrock serves in its own format) -------------------------

/** A `.chunks.jsonl` capture as events: each line `{"messageStop":{...}}` is one frame. */
const converseEvents = (name: string) =>
  fixture(name)
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [event, data] = Object.entries(JSON.parse(line) as Record<string, unknown>)[0]!;
      return { event, data };
    });

/** The text the recorded ConverseStream answer says. */
export const RECORDED_CONVERSE_TEXT = converseEvents('converse-stream-text.chunks.jsonl')
  .map(({ data }) => (data as { delta?: { text?: string } }).delta?.text ?? '')
  .join('');

/**
 * A Read call in ConverseStream's events: the recorded stream's start and usage around the
 * recorded tool-use block, its name and input rewritten.
 */
function converseReadEvents(filePath: string) {
  const text = converseEvents('converse-stream-text.chunks.jsonl');
  const toolUse = converseEvents('converse-stream-tool-use.chunks.jsonl').filter(
    ({ data }) => (data as { contentBlockIndex?: number }).contentBlockIndex === 1,
  );
  const rewritten = toolUse.map(({ event, data }) => ({
    event,
    data: JSON.parse(JSON.stringify(data), (key, value) => {
      if (key === 'contentBlockIndex') return 0;
      if (key === 'name') return 'Read';
      if (key === 'input') return JSON.stringify({ file_path: filePath });
      return value;
    }),
  }));
  return [
    text[0]!,
    ...rewritten,
    { event: 'messageStop', data: { stopReason: 'tool_use' } },
    text.at(-1)!,
  ];
}

type ConverseBlock = { toolUse?: object; toolResult?: object };
type ConverseMessage = { role: string; content: ConverseBlock[] };

/** Bedrock's refusal: `{message}`, the exception named in a header. */
const bedrockError = (message: string): FixtureReply => ({
  status: 400,
  headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'ValidationException' },
  body: JSON.stringify({ message }),
});

/** What Converse refuses in a conversation, in its words; undefined when it would answer. */
function refuseConverseMessages(messages: ConverseMessage[]): FixtureReply | undefined {
  for (const [index, message] of messages.entries()) {
    if (message.role !== 'user' && message.role !== 'assistant')
      return bedrockError(
        `1 validation error detected: Value '${message.role}' at 'messages.${index + 1}.member.role' failed to satisfy constraint: Member must satisfy enum value set: [user, assistant]`,
      );
    if (index === 0 && message.role !== 'user')
      return bedrockError(
        'A conversation must start with a user message. Try again with a conversation that starts with a user message.',
      );
    if (index > 0 && messages[index - 1]!.role === message.role)
      return bedrockError(
        'A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again.',
      );
    const results = message.content.filter((block) => block.toolResult).length;
    const calls =
      index > 0 ? messages[index - 1]!.content.filter((block) => block.toolUse).length : 0;
    if (results > calls)
      return bedrockError(
        `The number of toolResult blocks at messages.${index}.content exceeds the number of toolUse blocks of previous turn.`,
      );
  }
  return undefined;
}

/**
 * Bedrock's ConverseStream (`/model/{id}/converse-stream`, a Bedrock API key as a Bearer
 * token): a Read call first, the recorded text once its result came back, as event-stream
 * frames.
 */
export function answerAsBedrockConverse(filePath: string, apiKey: string) {
  return ({ url, headers, body }: RecordedRequest): FixtureReply => {
    if (!/^\/model\/[^/]+\/converse-stream$/.test(url))
      return { status: 404, body: JSON.stringify({ message: `Not found: ${url}` }) };
    if (headers.authorization !== `Bearer ${apiKey}`)
      return { status: 403, body: JSON.stringify({ message: 'Authentication failed' }) };
    const { messages } = JSON.parse(body) as { messages: ConverseMessage[] };
    const refusal = refuseConverseMessages(messages);
    if (refusal) return refusal;
    const answered = messages.at(-1)?.content.some((block) => block.toolResult) ?? false;
    return {
      headers: { 'content-type': 'application/vnd.amazon.eventstream' },
      body: encodeEventStream(
        answered
          ? converseEvents('converse-stream-text.chunks.jsonl')
          : converseReadEvents(filePath),
      ),
    };
  };
}
