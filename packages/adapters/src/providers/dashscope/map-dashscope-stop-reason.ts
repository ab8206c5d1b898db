import type { FinishReason } from '../../spec/openai-chat-response';

const DASHSCOPE_STOP_REASONS: Readonly<Record<string, FinishReason>> = {
  stop: 'stop',
  length: 'length',
  tool_calls: 'tool_calls',
};

/**
 * DashScope sends the string "null" (or null) while generating; undefined means "not yet".
 * An unknown final value is treated as a normal stop.
 */
export function mapDashScopeStopReason(
  reason: string | null | undefined,
): FinishReason | undefined {
  if (reason == null || reason === '' || reason === 'null') return undefined;
  return DASHSCOPE_STOP_REASONS[reason] ?? 'stop';
}
