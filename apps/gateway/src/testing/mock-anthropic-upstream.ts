import {
  type FixtureReply,
  type FixtureServer,
  type RecordedRequest,
  startFixtureServer,
} from '@oneapi/adapters/testing';
import { encodeEventStream } from './aws-event-stream';

/** The beta under which the Messages API takes `role: "system"` entries inside `messages`. */
export const MID_CONVERSATION_SYSTEM_BETA = 'mid-conversation-system-2026-04-07';
/**
 * The beta Claude Code 2.1.332 sends with its mid-conversation system messages (observed:
 * present exactly when one is in `messages`; the API's documentation does not say which beta
 * turns them on, so the mock accepts either).
 */
export const MID_CONVERSATION_TOOL_CHANGES_BETA = 'mid-conversation-tool-changes-2026-07-01';
const SYSTEM_MESSAGE_BETAS = [MID_CONVERSATION_SYSTEM_BETA, MID_CONVERSATION_TOOL_CHANGES_BETA];

export interface MockAnthropicOptions {
  /** The key the upstream accepts: `x-api-key`, or Bedrock's API key as a Bearer token. */
  readonly apiKey: string;
  /** The answer to a request the upstream accepts: a Messages body, or SSE text when streamed. */
  readonly answer: (body: Record<string, unknown>) => { json: unknown } | { sse: string };
  /**
   * `bedrock`: Claude through Bedrock's InvokeModel. The model and the stream are in the URL
   * (`/model/{id}/invoke` or `/invoke-with-response-stream`), the version and betas in the
   * body (`anthropic_version: bedrock-2023-05-31`, `anthropic_beta`), a stream answered in AWS
   * event-stream `chunk` frames, each an Anthropic event's JSON in base64 (QUIRKS.md).
   */
  readonly dialect?: 'anthropic' | 'bedrock';
}

type Block = { type?: unknown };
type Message = { role?: unknown; content?: unknown };

/** A request as the Messages API reads it, whatever the dialect carried it in. */
interface MessagesCall {
  readonly request: Record<string, unknown>;
  readonly betas: readonly string[];
}

const refuse = (status: number, type: string, message: string) => ({
  status,
  body: JSON.stringify({ type: 'error', error: { type, message } }),
});

/** Bedrock's own error shape: `{message}`, the exception named in a header. */
const refuseAsBedrock = (status: number, exception: string, message: string) => ({
  status,
  headers: { 'content-type': 'application/json', 'x-amzn-errortype': exception },
  body: JSON.stringify({ message }),
});

/**
 * An Anthropic Messages upstream on 127.0.0.1 that refuses what the real API refuses (the
 * shapes a gateway's translation used to break): a wrong key, a role other than user and
 * assistant (system only under its beta, never first), and, with thinking on, a final
 * assistant turn with tool use that lost its thinking block. Wording as the API's
 * (fixtures messages-thinking-error-400-missing-thinking.json; QUIRKS.md).
 */
export function startMockAnthropic(options: MockAnthropicOptions): Promise<FixtureServer> {
  return startFixtureServer((recorded) => {
    const bedrock = options.dialect === 'bedrock';
    const call = bedrock
      ? readBedrockCall(recorded, options.apiKey)
      : readMessagesCall(recorded, options.apiKey);
    if (!('request' in call)) return call;
    const refusal = refuseInvalidMessages(call);
    if (refusal)
      return bedrock
        ? refuseAsBedrock(400, 'ValidationException', refusal)
        : refuse(400, 'invalid_request_error', refusal);
    const answer = options.answer(call.request);
    if (!('sse' in answer)) return { body: JSON.stringify(answer.json) };
    return bedrock
      ? {
          headers: { 'content-type': 'application/vnd.amazon.eventstream' },
          body: toEventStreamFrames(answer.sse),
        }
      : { headers: { 'content-type': 'text/event-stream; charset=utf-8' }, body: answer.sse };
  });
}

function readMessagesCall(
  { url, headers, body }: RecordedRequest,
  apiKey: string,
): MessagesCall | FixtureReply {
  if (!url.startsWith('/v1/messages')) return refuse(404, 'not_found_error', `Not found: ${url}`);
  if (headers['x-api-key'] !== apiKey)
    return refuse(401, 'authentication_error', 'invalid x-api-key');
  if (!headers['anthropic-version'])
    return refuse(400, 'invalid_request_error', 'anthropic-version: header is required');
  return {
    request: JSON.parse(body) as Record<string, unknown>,
    betas: String(headers['anthropic-beta'] ?? '').split(','),
  };
}

function readBedrockCall(
  { url, headers, body }: RecordedRequest,
  apiKey: string,
): MessagesCall | FixtureReply {
  const route = /^\/model\/([^/]+)\/(invoke|invoke-with-response-stream)$/.exec(url);
  if (!route) return refuseAsBedrock(404, 'UnknownOperationException', `Not found: ${url}`);
  if (headers.authorization !== `Bearer ${apiKey}`)
    return refuseAsBedrock(403, 'AccessDeniedException', 'Authentication failed');
  const request = JSON.parse(body) as Record<string, unknown>;
  if (
    request.anthropic_version !== 'bedrock-2023-05-31' ||
    'model' in request ||
    'stream' in request
  )
    return refuseAsBedrock(
      400,
      'ValidationException',
      'Malformed input request, please reformat your input and try again.',
    );
  return {
    request: {
      ...request,
      model: decodeURIComponent(route[1]!),
      stream: route[2] === 'invoke-with-response-stream',
    },
    betas: (request.anthropic_beta as string[] | undefined) ?? [],
  };
}

/** The Messages API's refusal of the conversation, worded as the API words it; else undefined. */
function refuseInvalidMessages({ request, betas }: MessagesCall): string | undefined {
  const messages = (request.messages ?? []) as Message[];
  for (const [index, message] of messages.entries()) {
    if (message.role === 'user' || message.role === 'assistant') continue;
    if (
      message.role === 'system' &&
      index > 0 &&
      SYSTEM_MESSAGE_BETAS.some((beta) => betas.includes(beta))
    )
      continue;
    return message.role === 'system'
      ? "role 'system' is not supported on this model"
      : `messages.${index}.role: Unexpected role "${String(message.role)}"`;
  }
  const thinking = (request.thinking ?? {}) as { type?: unknown };
  if (thinking.type !== 'enabled' && thinking.type !== 'adaptive') return undefined;
  const index = messages.findLastIndex((message) => message.role === 'assistant');
  const blocks = (messages[index]?.content ?? []) as Block[];
  const first = Array.isArray(blocks) ? blocks[0]?.type : 'text';
  const usesTools = Array.isArray(blocks) && blocks.some((block) => block.type === 'tool_use');
  if (!usesTools || first === 'thinking' || first === 'redacted_thinking') return undefined;
  return `messages.${index}.content.0.type: Expected \`thinking\` or \`redacted_thinking\`, but found \`${String(first)}\`. When \`thinking\` is enabled, a final \`assistant\` message must start with a thinking block (preceeding the lastmost set of \`tool_use\` and \`tool_result\` blocks). We recommend you include thinking blocks from previous turns. To avoid this requirement, disable \`thinking\`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking`;
}

/** Anthropic SSE as InvokeModelWithResponseStream frames it: one `chunk` frame per event. */
function toEventStreamFrames(sse: string): Uint8Array {
  return encodeEventStream(
    [...sse.matchAll(/^data: ?(.*)$/gm)].map((match) => ({
      event: 'chunk',
      data: { bytes: Buffer.from(match[1]!.trim()).toString('base64') },
    })),
  );
}
