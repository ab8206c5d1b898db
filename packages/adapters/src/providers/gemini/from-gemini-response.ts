import { buildChatCompletion } from '../../core/build-chat-completion';
import { AdapterError } from '../../spec/adapter-error';
import type { ChatRequest } from '../../spec/openai-chat-request';
import type { ChatCompletion, ChatCompletionChoice } from '../../spec/openai-chat-response';
import { type GeminiResponse, geminiResponseSchema } from './gemini-api';
import { type CandidateMessage, readGeminiCandidate } from './read-gemini-candidate';
import { toGeminiUsage } from './to-gemini-usage';

/** A non-stream generateContent body as an OpenAI `chat.completion`, one choice per candidate. */
export function fromGeminiResponse(body: unknown, request: ChatRequest): ChatCompletion {
  const parsed = geminiResponseSchema.safeParse(body);
  if (!parsed.success) {
    throw new AdapterError('upstream_bad_response', 'The Gemini response has an unexpected shape', {
      cause: parsed.error,
    });
  }
  const response = parsed.data;
  const messages = (response.candidates ?? []).map(readGeminiCandidate);
  const [first = blockedPromptMessage(response), ...others] = messages;
  const completion = buildChatCompletion({
    ...(response.responseId ? { id: response.responseId } : {}),
    model: response.modelVersion ?? request.model,
    ...(response.createTime ? { created: toUnixSeconds(response.createTime) } : {}),
    text: first.text,
    reasoning: first.reasoning,
    toolCalls: first.toolCalls,
    finishReason: first.finishReason,
    ...(response.usageMetadata ? { usage: toGeminiUsage(response.usageMetadata) } : {}),
  });
  const firstChoice = { ...completion.choices[0]!, index: first.index };
  return { ...completion, choices: [firstChoice, ...others.map(toChoice)] };
}

/**
 * No candidates at all: the prompt itself was blocked (promptFeedback.blockReason,
 * HTTP 200). OpenAI's nearest shape is an empty answer stopped by the content filter.
 */
function blockedPromptMessage(response: GeminiResponse): CandidateMessage {
  return {
    index: 0,
    text: '',
    reasoning: '',
    toolCalls: [],
    finishReason: response.promptFeedback?.blockReason ? 'content_filter' : 'stop',
  };
}

/** Extra candidates (n > 1) as further choices, in the same shape buildChatCompletion makes. */
function toChoice(message: CandidateMessage): ChatCompletionChoice {
  return {
    index: message.index,
    message: {
      role: 'assistant',
      content: message.text,
      ...(message.reasoning ? { reasoning_content: message.reasoning } : {}),
      ...(message.toolCalls.length > 0 ? { tool_calls: message.toolCalls } : {}),
    },
    finish_reason: message.finishReason,
  };
}

export function toUnixSeconds(timestamp: string): number | undefined {
  const millis = Date.parse(timestamp);
  return Number.isNaN(millis) ? undefined : Math.floor(millis / 1000);
}
