import type { FinishReason } from '../../spec/openai-chat-response';

const FINISH_REASONS: Readonly<Record<string, FinishReason>> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  // Newer Claude models on Bedrock stop here when the context window, not max_tokens, ran out.
  model_context_window_exceeded: 'length',
  tool_use: 'tool_calls',
  guardrail_intervened: 'content_filter',
  content_filtered: 'content_filter',
};

/** Maps Converse `stopReason` to OpenAI `finish_reason`; an unknown reason is a normal stop. */
export function mapBedrockStopReason(stopReason: string): FinishReason {
  return FINISH_REASONS[stopReason] ?? 'stop';
}
