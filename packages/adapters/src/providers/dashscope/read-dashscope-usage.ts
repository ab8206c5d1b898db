import type { Usage } from '../../spec/usage';
import type { DashScopeUsage } from './dashscope-api';

/** input_tokens/output_tokens; in a stream they are cumulative, so the caller keeps the last. */
export function readDashScopeUsage(usage: DashScopeUsage | null | undefined): Usage | undefined {
  if (!usage) return undefined;
  const reasoning = usage.output_tokens_details?.reasoning_tokens;
  const cached = usage.prompt_tokens_details?.cached_tokens;
  return {
    promptTokens: usage.input_tokens ?? 0,
    completionTokens: usage.output_tokens ?? 0,
    ...(reasoning !== undefined && { reasoningTokens: reasoning }),
    ...(cached !== undefined && { cachedTokens: cached }),
  };
}

/** Content is a string for text models and `[{text}]` for multimodal ones. */
export function readDashScopeText(content: string | Array<{ text?: string }> | null | undefined) {
  if (typeof content === 'string') return content;
  return (content ?? []).map((part) => part.text ?? '').join('');
}
