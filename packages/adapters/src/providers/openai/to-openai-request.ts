import { createHash } from 'node:crypto';
import { encodeJsonBody } from '../../core/encode-json-body';
import type { ChatMessage, ChatRequest } from '../../spec/openai-chat-request';
import type { UpstreamRequest, UpstreamTarget } from '../../spec/provider-adapter';
import type { OpenAICompatibleQuirks } from './openai-compatible-quirks';

/**
 * Builds the upstream request for an OpenAI-compatible vendor. The body is the caller's
 * request, with only these changes: the vendor's quirks, `reasoning_content` (DeepSeek
 * rejects it coming back) and Anthropic's `thinking_blocks` removed from history, and `stream_options.include_usage` set when
 * streaming so billing always sees usage.
 */
export async function toOpenAIRequest(
  request: ChatRequest,
  target: UpstreamTarget,
  quirks: OpenAICompatibleQuirks,
  url = `${target.baseUrl}${quirks.chatPath ?? '/chat/completions'}`,
): Promise<UpstreamRequest> {
  const body: Record<string, unknown> = {
    ...request,
    messages: request.messages.map(stripReasoning),
  };
  if (request.stream && quirks.streamUsage !== 'always') {
    body.stream_options = { ...request.stream_options, include_usage: true };
  }
  if (quirks.streamUsage === 'always') delete body.stream_options;
  if (quirks.reasoningModels)
    fitReasoningControls(body, quirks.reasoningModels.test(request.model));
  if (quirks.maxTokensOnly && body.max_completion_tokens != null) {
    body.max_tokens = body.max_completion_tokens;
    delete body.max_completion_tokens;
  }
  for (const param of quirks.unsupportedParams ?? []) delete body[param];
  for (const [from, to] of Object.entries(quirks.renamedParams ?? {})) {
    if (from in body) {
      body[to] = body[from];
      delete body[from];
    }
  }
  if (quirks.toolCallIdFormat === 'alphanumeric-9') {
    body.messages = (body.messages as ChatMessage[]).map(rewriteToolCallIds);
  }
  return {
    url,
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...authHeaders(target.apiKey, quirks.auth ?? 'bearer'),
      ...quirks.extraHeaders,
    },
    body: await encodeJsonBody(target, body),
  };
}

export function authHeaders(
  apiKey: string,
  auth: 'bearer' | 'api-key-header' | 'none',
): Record<string, string> {
  if (auth === 'none' || apiKey === '') return {};
  return auth === 'bearer' ? { authorization: `Bearer ${apiKey}` } : { 'api-key': apiKey };
}

/*
 * OpenAI's reasoning models answer max_tokens with 400 "Unsupported parameter: 'max_tokens'
 * is not supported with this model. Use 'max_completion_tokens' instead.", and its other
 * models refuse reasoning_effort the same way: a translated request (Claude Code with
 * thinking on) carries both.
 */
function fitReasoningControls(body: Record<string, unknown>, reasoningModel: boolean): void {
  if (!reasoningModel) {
    delete body.reasoning_effort;
    return;
  }
  if (body.max_tokens == null) return;
  body.max_completion_tokens ??= body.max_tokens;
  delete body.max_tokens;
}

function stripReasoning(message: ChatMessage): ChatMessage {
  if (message.role !== 'assistant') return message;
  if (!('reasoning_content' in message) && !('thinking_blocks' in message)) return message;
  // Anthropic's signed thinking means nothing to another vendor.
  const { reasoning_content: _dropped, thinking_blocks: _anthropic, ...rest } = message;
  return rest as ChatMessage;
}

/** Maps any id to the same 9-character alphanumeric id, so calls and results still pair up. */
export function toAlphanumericId(id: string): string {
  if (/^[a-zA-Z0-9]{9}$/.test(id)) return id;
  return createHash('sha256')
    .update(id)
    .digest('base64')
    .replace(/[^a-zA-Z0-9]/g, '')
    .slice(0, 9);
}

function rewriteToolCallIds(message: ChatMessage): ChatMessage {
  if (message.role === 'tool')
    return { ...message, tool_call_id: toAlphanumericId(message.tool_call_id) };
  if (message.role === 'assistant' && message.tool_calls) {
    return {
      ...message,
      tool_calls: message.tool_calls.map((call) => ({ ...call, id: toAlphanumericId(call.id) })),
    };
  }
  return message;
}
