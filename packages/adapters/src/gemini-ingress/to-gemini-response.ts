import type { ChatCompletion, FinishReason } from '../spec/openai-chat-response';
import type { Usage } from '../spec/usage';
import { toGeminiFunctionCallPart } from './to-gemini-function-call-part';

/** One part of a Gemini answer, as this ingress writes them. */
export type GeminiOutputPart = Record<string, unknown>;

/** A GenerateContentResponse, as this ingress writes it (whole, or one stream chunk). */
export interface GeminiGenerateContentResponse {
  candidates: Array<{
    content: { role: 'model'; parts: GeminiOutputPart[] };
    finishReason?: string;
    index: number;
  }>;
  usageMetadata?: GeminiUsageMetadataOutput;
  modelVersion: string;
  responseId: string;
}

export interface GeminiUsageMetadataOutput {
  promptTokenCount: number;
  candidatesTokenCount: number;
  totalTokenCount: number;
  cachedContentTokenCount?: number;
  thoughtsTokenCount?: number;
}

const FINISH_REASONS: Readonly<Record<FinishReason, string>> = {
  stop: 'STOP',
  // Gemini says STOP for function calls too.
  tool_calls: 'STOP',
  function_call: 'STOP',
  length: 'MAX_TOKENS',
  content_filter: 'SAFETY',
};

export function toGeminiFinishReason(reason: FinishReason | null): string {
  return reason ? FINISH_REASONS[reason] : 'STOP';
}

/**
 * Normalized usage as Gemini's usageMetadata: thoughts are counted apart from
 * candidatesTokenCount and cached tokens inside promptTokenCount, as Gemini counts them.
 */
export function toGeminiUsageMetadata(usage: Usage): GeminiUsageMetadataOutput {
  const thoughts = usage.reasoningTokens ?? 0;
  return {
    promptTokenCount: usage.promptTokens,
    candidatesTokenCount: Math.max(usage.completionTokens - thoughts, 0),
    totalTokenCount: usage.promptTokens + usage.completionTokens,
    ...(usage.cachedTokens !== undefined && { cachedContentTokenCount: usage.cachedTokens }),
    ...(usage.reasoningTokens !== undefined && { thoughtsTokenCount: usage.reasoningTokens }),
  };
}

/** The OpenAI usage of a completion as normalized usage. */
function fromCompletionUsage(usage: NonNullable<ChatCompletion['usage']>): Usage {
  const cached = usage.prompt_tokens_details?.cached_tokens;
  const reasoning = usage.completion_tokens_details?.reasoning_tokens;
  return {
    promptTokens: usage.prompt_tokens,
    completionTokens: usage.completion_tokens,
    ...(cached !== undefined && { cachedTokens: cached }),
    ...(reasoning !== undefined && { reasoningTokens: reasoning }),
  };
}

/** A canonical completion as the GenerateContentResponse a Gemini client expects. */
export function toGeminiResponse(
  completion: ChatCompletion,
  model: string,
): GeminiGenerateContentResponse {
  return {
    candidates: completion.choices.map((choice) => {
      const parts: GeminiOutputPart[] = [];
      const { reasoning_content: reasoning, content, refusal, tool_calls: calls } = choice.message;
      if (reasoning) parts.push({ text: reasoning, thought: true });
      const text = content ?? refusal;
      if (text) parts.push({ text });
      for (const call of calls ?? [])
        parts.push(toGeminiFunctionCallPart(call.id, call.function.name, call.function.arguments));
      return {
        content: { role: 'model' as const, parts },
        finishReason: toGeminiFinishReason(choice.finish_reason),
        index: choice.index,
      };
    }),
    ...(completion.usage && {
      usageMetadata: toGeminiUsageMetadata(fromCompletionUsage(completion.usage)),
    }),
    modelVersion: model,
    responseId: completion.id,
  };
}
