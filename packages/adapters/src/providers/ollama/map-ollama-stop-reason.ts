import type { FinishReason } from '../../spec/openai-chat-response';

/**
 * Ollama's `done_reason` is `stop`, `length`, or `load`/`unload` for model management calls;
 * older servers omit it. It says `stop` even after a tool call, so tool calls decide.
 */
export function mapOllamaStopReason(
  doneReason: string | null | undefined,
  sawToolCalls: boolean,
): FinishReason {
  if (doneReason === 'length') return 'length';
  return sawToolCalls ? 'tool_calls' : 'stop';
}
