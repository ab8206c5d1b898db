import { randomBytes } from 'node:crypto';
import type { ThinkingBlock } from '../spec/openai-chat-request';
import type { FinishReason } from '../spec/openai-chat-response';
import type { Usage } from '../spec/usage';
import { encodeEncryptedReasoning } from './responses-encrypted-reasoning';
import type { ResponsesFunctionName } from './responses-tool-names';

/*
 * The pieces of a Responses API answer, shared by the buffered answer and the stream
 * encoder: output items, usage and the response envelope, in the shapes of the recordings
 * in ../shared/fixtures/providers/openai-responses.
 */

export type ResponsesStatus = 'in_progress' | 'completed' | 'incomplete' | 'failed';

export const newItemId = (prefix: 'resp' | 'msg' | 'fc' | 'rs') =>
  `${prefix}_${randomBytes(16).toString('hex')}`;

export const toResponseId = (id: string) =>
  id.startsWith('resp_') ? id : `resp_${id.replace(/^chatcmpl-/, '')}`;

export function toMessageItem(id: string, text: string, refusal: string, status: ResponsesStatus) {
  return {
    id,
    type: 'message' as const,
    status,
    role: 'assistant' as const,
    content: [
      ...(text !== '' || refusal === '' ? [toOutputText(text)] : []),
      ...(refusal !== '' ? [{ type: 'refusal' as const, refusal }] : []),
    ],
  };
}

export const toOutputText = (text: string) => ({
  type: 'output_text' as const,
  text,
  annotations: [],
  logprobs: [],
});

export function toFunctionCallItem(
  id: string,
  callId: string,
  name: ResponsesFunctionName,
  args: string,
  status: ResponsesStatus,
) {
  return {
    id,
    type: 'function_call' as const,
    status,
    call_id: callId,
    name: name.name,
    ...(name.namespace && { namespace: name.namespace }),
    arguments: args,
  };
}

/**
 * The upstream's reasoning text, offered as a summary, and Anthropic's signed thinking as
 * the `encrypted_content` the client sends back (see responses-encrypted-reasoning).
 */
export function toReasoningItem(id: string, text: string, thinking: readonly ThinkingBlock[] = []) {
  return {
    id,
    type: 'reasoning' as const,
    summary: text === '' ? [] : [{ type: 'summary_text' as const, text }],
    ...(thinking.length > 0 && { encrypted_content: encodeEncryptedReasoning(thinking) }),
  };
}

/** Usage in the Responses API's names; reasoning tokens are inside `output_tokens`. */
export function toResponsesUsage(usage: Usage | undefined) {
  const input = usage?.promptTokens ?? 0;
  const output = usage?.completionTokens ?? 0;
  return {
    input_tokens: input,
    input_tokens_details: { cached_tokens: usage?.cachedTokens ?? 0 },
    output_tokens: output,
    output_tokens_details: { reasoning_tokens: usage?.reasoningTokens ?? 0 },
    total_tokens: input + output,
  };
}

/** The status a finished answer ends in, and why when it is incomplete. */
export function toResponsesEnd(reason: FinishReason | null): {
  status: ResponsesStatus;
  incomplete_details: { reason: 'max_output_tokens' | 'content_filter' } | null;
} {
  if (reason === 'length')
    return { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } };
  if (reason === 'content_filter')
    return { status: 'incomplete', incomplete_details: { reason: 'content_filter' } };
  return { status: 'completed', incomplete_details: null };
}

export interface ResponseEnvelope {
  readonly id: string;
  readonly model: string;
  readonly createdAt: number;
}

/** The Response object around output items, as the API answers and as its events carry it. */
export function toResponseObject(
  envelope: ResponseEnvelope,
  fields: {
    status: ResponsesStatus;
    output: unknown[];
    usage: ReturnType<typeof toResponsesUsage> | null;
    incomplete_details?: { reason: string } | null;
    error?: { code: string; message: string } | null;
  },
) {
  return {
    id: envelope.id,
    object: 'response' as const,
    created_at: envelope.createdAt,
    status: fields.status,
    error: fields.error ?? null,
    incomplete_details: fields.incomplete_details ?? null,
    model: envelope.model,
    output: fields.output,
    usage: fields.usage,
    // Nothing is kept on a translated path (see toCanonicalRequestFromResponses).
    store: false,
  };
}
