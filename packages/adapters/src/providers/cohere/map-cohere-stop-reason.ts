import type { FinishReason } from '../../spec/openai-chat-response';

/** `error` is not an OpenAI finish reason: the caller turns it into an AdapterError. */
export type CohereStopOutcome = FinishReason | 'error';

const COHERE_STOP_REASONS: Readonly<Record<string, CohereStopOutcome>> = {
  COMPLETE: 'stop',
  STOP_SEQUENCE: 'stop',
  MAX_TOKENS: 'length',
  TOOL_CALL: 'tool_calls',
  ERROR: 'error',
  TIMEOUT: 'error',
  // v1-era values still returned by some deployments.
  ERROR_TOXIC: 'content_filter',
  ERROR_LIMIT: 'length',
  USER_CANCEL: 'stop',
};

/** Maps Cohere's `finish_reason`; an unknown value is treated as a normal stop. */
export function mapCohereStopReason(reason: string): CohereStopOutcome {
  return COHERE_STOP_REASONS[reason] ?? 'stop';
}
