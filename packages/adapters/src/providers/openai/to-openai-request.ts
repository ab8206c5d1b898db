import { createHash } from 'node:crypto';
import { encodeJsonBody } from '../../core/encode-json-body';
import type { ChatMessage, ChatRequest } from '../../spec/openai-chat-request';
import type { UpstreamRequest, UpstreamTarget } from '../../spec/provider-adapter';
import type { OpenAICompatibleQuirks } from './openai-compatible-quirks';

/**
 * Builds the upstream request for an OpenAI-compatible vendor. The body is the caller's
 * request with the vendor's changes (`toOpenAIBody`).
 */
export async function toOpenAIRequest(
  request: ChatRequest,
  target: UpstreamTarget,
  quirks: OpenAICompatibleQuirks,
  url = `${target.baseUrl}${quirks.chatPath ?? '/chat/completions'}`,
): Promise<UpstreamRequest> {
  return {
    url,
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...authHeaders(target.apiKey, quirks.auth ?? 'bearer'),
      ...quirks.extraHeaders,
    },
    body: await encodeJsonBody(target, toOpenAIBody(request, quirks)),
  };
}

/**
 * The chat body an OpenAI-compatible vendor receives: the caller's, with only these changes:
 * the vendor's quirks, `reasoning_content` (DeepSeek rejects it coming back) and Anthropic's
 * `thinking_blocks` removed from history, and `stream_options.include_usage` set when
 * streaming so billing always sees usage. Copy on write: a body that needs none of them is
 * returned as the same object, so a passthrough knows the caller's bytes can go as they are.
 */
export function toOpenAIBody(
  request: ChatRequest,
  quirks: OpenAICompatibleQuirks,
): Record<string, unknown> {
  const original = request as unknown as Record<string, unknown>;
  let body = original;
  const edit = () => {
    if (body === original) body = { ...original };
    return body;
  };
  const remove = (field: string) => {
    if (Object.hasOwn(body, field)) delete edit()[field];
  };
  const messages = mapChanged(request.messages, stripReasoning);
  if (messages !== request.messages) edit().messages = messages;
  if (quirks.streamUsage === 'always') remove('stream_options');
  else if (request.stream && request.stream_options?.include_usage !== true)
    edit().stream_options = { ...request.stream_options, include_usage: true };
  if (quirks.reasoningModels)
    fitReasoningControls(body, quirks.reasoningModels.test(request.model), edit, remove);
  if (quirks.maxTokensOnly && body.max_completion_tokens != null) {
    edit().max_tokens = body.max_completion_tokens;
    remove('max_completion_tokens');
  }
  for (const param of quirks.unsupportedParams ?? []) remove(param);
  for (const [from, to] of Object.entries(quirks.renamedParams ?? {})) {
    if (from in body) {
      edit()[to] = body[from];
      remove(from);
    }
  }
  if (quirks.toolCallIdFormat === 'alphanumeric-9') {
    const rewritten = mapChanged(body.messages as ChatMessage[], rewriteToolCallIds);
    if (rewritten !== body.messages) edit().messages = rewritten;
  }
  return body;
}

/**
 * `items.map(change)`, or `items` itself when `change` returned every item as it was; each
 * item is changed once (a tool-call id's rewrite is a hash).
 */
function mapChanged<T>(items: readonly T[], change: (item: T) => T): readonly T[] {
  for (let index = 0; index < items.length; index++) {
    const changed = change(items[index]!);
    if (changed === items[index]) continue;
    const result = items.slice(0, index);
    result.push(changed);
    for (let rest = index + 1; rest < items.length; rest++) result.push(change(items[rest]!));
    return result;
  }
  return items;
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
function fitReasoningControls(
  body: Record<string, unknown>,
  reasoningModel: boolean,
  edit: () => Record<string, unknown>,
  remove: (field: string) => void,
): void {
  if (!reasoningModel) {
    remove('reasoning_effort');
    return;
  }
  if (body.max_tokens == null) return;
  edit().max_completion_tokens ??= body.max_tokens;
  remove('max_tokens');
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
  if (message.role === 'tool') {
    const id = toAlphanumericId(message.tool_call_id);
    return id === message.tool_call_id ? message : { ...message, tool_call_id: id };
  }
  if (message.role === 'assistant' && message.tool_calls) {
    const calls = mapChanged(message.tool_calls, (call) => {
      const id = toAlphanumericId(call.id);
      return id === call.id ? call : { ...call, id };
    });
    return calls === message.tool_calls ? message : { ...message, tool_calls: [...calls] };
  }
  return message;
}
