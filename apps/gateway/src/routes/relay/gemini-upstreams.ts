import { readFileSync } from 'node:fs';
import type { FixtureReply, RecordedRequest } from '@oneapi/adapters/testing';

/*
 * Mock upstreams for the Gemini ingress tests: each answers with recorded captures of its
 * provider and refuses what the real API refuses on a function-call round trip (a tool
 * result that answers no call of the turn before, UPPERCASE schema types outside Gemini, a
 * Gemini 3 function call replayed without its thought signature).
 */

const fixture = (name: string) =>
  readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

const json = (status: number, body: unknown): FixtureReply => ({
  status,
  body: JSON.stringify(body),
});
const sse = (body: string): FixtureReply => ({
  headers: { 'content-type': 'text/event-stream' },
  body,
  // Cut inside events, to exercise the parsers on both sides.
  splitAt: [7, 150, 151, 400],
});

/** Whether any `type` in a JSON Schema is written in capitals (Gemini's OpenAPI style). */
function hasUppercaseType(schema: unknown): boolean {
  if (schema === null || typeof schema !== 'object') return false;
  return Object.entries(schema).some(([key, value]) =>
    key === 'type' && typeof value === 'string'
      ? value !== value.toLowerCase()
      : hasUppercaseType(value),
  );
}

type OpenAIMessage = {
  role: string;
  tool_call_id?: string;
  tool_calls?: Array<{ id: string }>;
};

/** OpenAI chat completions: a tool call first, text once every call has its result. */
export function answerAsOpenAI({ body }: RecordedRequest): FixtureReply {
  const request = JSON.parse(body) as {
    stream?: boolean;
    messages: OpenAIMessage[];
    tools?: Array<{ function: { parameters?: unknown } }>;
  };
  if (request.tools?.some((tool) => hasUppercaseType(tool.function.parameters)))
    return json(400, {
      error: {
        message: "Invalid schema for function: 'OBJECT' is not valid",
        type: 'invalid_request_error',
        param: 'tools',
        code: 'invalid_function_parameters',
      },
    });
  let offered = new Set<string>();
  for (const message of request.messages) {
    if (message.role === 'assistant') offered = new Set(message.tool_calls?.map((call) => call.id));
    if (message.role === 'tool' && !offered.has(message.tool_call_id!))
      return json(400, {
        error: {
          message:
            "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.",
          type: 'invalid_request_error',
          param: 'messages',
          code: null,
        },
      });
  }
  const answered = request.messages.at(-1)?.role === 'tool';
  if (request.stream)
    return sse(
      fixture(
        answered || !request.tools ? 'chat-stream-include-usage.sse' : 'chat-stream-tool-call.sse',
      ),
    );
  return {
    body: fixture(
      answered || !request.tools
        ? 'chat-completion-text.json'
        : 'chat-completion-parallel-tool-calls.json',
    ),
  };
}

type AnthropicBlock = { type: string; id?: string; tool_use_id?: string };

/** Anthropic messages: a tool_use first, text once the tool_result came back. */
export function answerAsAnthropic({ body }: RecordedRequest): FixtureReply {
  const request = JSON.parse(body) as {
    stream?: boolean;
    messages: Array<{ role: string; content: string | AnthropicBlock[] }>;
    tools?: Array<{ input_schema: unknown }>;
  };
  if (request.tools?.some((tool) => hasUppercaseType(tool.input_schema)))
    return json(400, {
      type: 'error',
      error: {
        type: 'invalid_request_error',
        message: 'tools.0.custom.input_schema: JSON schema is invalid',
      },
    });
  let offered = new Set<string>();
  for (const message of request.messages) {
    const blocks = typeof message.content === 'string' ? [] : message.content;
    if (message.role === 'assistant')
      offered = new Set(blocks.flatMap((block) => (block.id ? [block.id] : [])));
    for (const block of blocks) {
      if (block.type === 'tool_result' && !offered.has(block.tool_use_id!))
        return json(400, {
          type: 'error',
          error: {
            type: 'invalid_request_error',
            message: `messages: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${block.tool_use_id}`,
          },
        });
    }
  }
  const last = request.messages.at(-1)?.content;
  const answered = Array.isArray(last) && last.some((block) => block.type === 'tool_result');
  if (request.stream)
    return sse(
      fixture(
        answered || !request.tools ? 'messages-stream-text.sse' : 'messages-stream-tool-use.sse',
      ),
    );
  return {
    body: fixture(answered || !request.tools ? 'messages-text.json' : 'messages-tool-use.json'),
  };
}

type GeminiPart = { functionCall?: object; functionResponse?: object; thoughtSignature?: string };

/** The signature the recorded Gemini 3 stream put on its function call. */
export const RECORDED_SIGNATURE = /"thoughtSignature": "([^"]+)"/.exec(
  fixture('thought-signature-stream-function-call.sse'),
)![1]!;

/**
 * Gemini: `gemini-3-pro-preview` streams the recorded Gemini 3 function call (with its thought
 * signature) and refuses a replay without it; other models answer with the js-genai
 * function-calling recordings, streamed or not, which report the same usage.
 */
export function answerAsGemini({ url, body }: RecordedRequest): FixtureReply {
  const request = JSON.parse(body) as { contents: Array<{ role?: string; parts: GeminiPart[] }> };
  const stream = url.includes(':streamGenerateContent');
  const answered = request.contents.at(-1)?.parts.some((part) => part.functionResponse) ?? false;
  if (url.includes('gemini-3-pro-preview')) {
    for (const content of request.contents) {
      for (const part of content.parts) {
        if (part.functionCall && part.thoughtSignature !== RECORDED_SIGNATURE)
          return json(400, {
            error: {
              code: 400,
              message: 'Function call is missing a thought_signature in functionCall parts.',
              status: 'INVALID_ARGUMENT',
            },
          });
      }
    }
    return sse(
      fixture(
        answered
          ? 'thought-signature-followup-stream.sse'
          : 'thought-signature-stream-function-call.sse',
      ),
    );
  }
  const recording = JSON.parse(
    fixture(stream ? 'recording-function-calling-stream.json' : 'recording-function-calling.json'),
  ) as { interactions: Array<{ response: { bodySegments: unknown[] } }> };
  const segments = recording.interactions[0]!.response.bodySegments;
  if (!stream) return { body: JSON.stringify(segments[0]) };
  return sse(segments.map((segment) => `data: ${JSON.stringify(segment)}\r\n\r\n`).join(''));
}
