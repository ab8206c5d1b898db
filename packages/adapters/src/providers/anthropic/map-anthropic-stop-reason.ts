import type { FinishReason } from '../../spec/openai-chat-response';
import type { AnthropicStopReason } from './anthropic-api';

const TO_FINISH_REASON: Record<AnthropicStopReason, FinishReason> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  // pause_turn: a server tool paused the turn; the caller may continue it, like a normal stop.
  pause_turn: 'stop',
  max_tokens: 'length',
  model_context_window_exceeded: 'length',
  tool_use: 'tool_calls',
  refusal: 'content_filter',
};

export function mapAnthropicStopReason(reason: string | null | undefined): FinishReason | null {
  if (reason === null || reason === undefined) return null;
  return TO_FINISH_REASON[reason as AnthropicStopReason] ?? 'stop';
}

const TO_STOP_REASON: Record<FinishReason, AnthropicStopReason> = {
  stop: 'end_turn',
  length: 'max_tokens',
  tool_calls: 'tool_use',
  function_call: 'tool_use',
  content_filter: 'refusal',
};

/** The reverse, for answering Anthropic clients from any provider. */
export function toAnthropicStopReason(reason: FinishReason | null): AnthropicStopReason {
  return reason === null ? 'end_turn' : TO_STOP_REASON[reason];
}
