import { type FixtureServer, startFixtureServer } from '@oneapi/adapters/testing';

/** The beta under which the Messages API takes `role: "system"` entries inside `messages`. */
export const MID_CONVERSATION_SYSTEM_BETA = 'mid-conversation-system-2026-04-07';

export interface MockAnthropicOptions {
  /** The key the upstream accepts in `x-api-key`. */
  readonly apiKey: string;
  /** The answer to a request the upstream accepts: a Messages body, or SSE text when streamed. */
  readonly answer: (body: Record<string, unknown>) => { json: unknown } | { sse: string };
}

type Block = { type?: unknown };
type Message = { role?: unknown; content?: unknown };

const refuse = (status: number, type: string, message: string) => ({
  status,
  body: JSON.stringify({ type: 'error', error: { type, message } }),
});

/**
 * An Anthropic Messages upstream on 127.0.0.1 that refuses what the real API refuses (the
 * shapes a gateway's translation used to break): a wrong key, a role other than user and
 * assistant (system only under its beta, never first), and, with thinking on, a final
 * assistant turn with tool use that lost its thinking block. Wording as the API's
 * (fixtures messages-thinking-error-400-missing-thinking.json; QUIRKS.md).
 */
export function startMockAnthropic(options: MockAnthropicOptions): Promise<FixtureServer> {
  return startFixtureServer(({ url, headers, body }) => {
    if (!url.startsWith('/v1/messages')) return refuse(404, 'not_found_error', `Not found: ${url}`);
    if (headers['x-api-key'] !== options.apiKey)
      return refuse(401, 'authentication_error', 'invalid x-api-key');
    if (!headers['anthropic-version'])
      return refuse(400, 'invalid_request_error', 'anthropic-version: header is required');
    const request = JSON.parse(body) as Record<string, unknown>;
    const betas = String(headers['anthropic-beta'] ?? '').split(',');
    const messages = (request.messages ?? []) as Message[];
    for (const [index, message] of messages.entries()) {
      if (message.role === 'user' || message.role === 'assistant') continue;
      if (message.role === 'system' && index > 0 && betas.includes(MID_CONVERSATION_SYSTEM_BETA))
        continue;
      return refuse(
        400,
        'invalid_request_error',
        message.role === 'system'
          ? "role 'system' is not supported on this model"
          : `messages.${index}.role: Unexpected role "${String(message.role)}"`,
      );
    }
    const thinking = (request.thinking ?? {}) as { type?: unknown };
    if (thinking.type === 'enabled' || thinking.type === 'adaptive') {
      const index = messages.findLastIndex((message) => message.role === 'assistant');
      const blocks = (messages[index]?.content ?? []) as Block[];
      const first = Array.isArray(blocks) ? blocks[0]?.type : 'text';
      const usesTools = Array.isArray(blocks) && blocks.some((block) => block.type === 'tool_use');
      if (usesTools && first !== 'thinking' && first !== 'redacted_thinking')
        return refuse(
          400,
          'invalid_request_error',
          `messages.${index}.content.0.type: Expected \`thinking\` or \`redacted_thinking\`, but found \`${String(first)}\`. When \`thinking\` is enabled, a final \`assistant\` message must start with a thinking block (preceeding the lastmost set of \`tool_use\` and \`tool_result\` blocks). We recommend you include thinking blocks from previous turns. To avoid this requirement, disable \`thinking\`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking`,
        );
    }
    const answer = options.answer(request);
    return 'sse' in answer
      ? { headers: { 'content-type': 'text/event-stream; charset=utf-8' }, body: answer.sse }
      : { body: JSON.stringify(answer.json) };
  });
}
