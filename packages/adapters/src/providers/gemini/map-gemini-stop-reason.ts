import type { FinishReason } from '../../spec/openai-chat-response';

/** Gemini finish reasons that mean output was withheld by a filter. */
const FILTERED = new Set([
  'SAFETY',
  'RECITATION',
  'PROHIBITED_CONTENT',
  'BLOCKLIST',
  'SPII',
  'IMAGE_SAFETY',
  'IMAGE_PROHIBITED_CONTENT',
]);

/**
 * Gemini `finishReason` as OpenAI's. Gemini says STOP for tool calls too, so whether the
 * candidate held a functionCall part decides between `stop` and `tool_calls`.
 * OTHER, MALFORMED_FUNCTION_CALL, LANGUAGE and anything newer map to `stop`:
 * OpenAI has no finish reason for an upstream-side failure.
 */
export function mapGeminiStopReason(reason: string, sawFunctionCall: boolean): FinishReason {
  if (reason === 'MAX_TOKENS') return 'length';
  if (FILTERED.has(reason)) return 'content_filter';
  return sawFunctionCall ? 'tool_calls' : 'stop';
}
