import {
  ADAPTER_ERROR_TRAITS,
  type AdapterError,
  type AdapterErrorCode,
} from '../spec/adapter-error';
import { toPromptTooLongMessage } from './to-prompt-too-long-message';

// Anthropic's error types, chosen by our code (and so by status) rather than per branch.
const ANTHROPIC_TYPES: Partial<Record<AdapterErrorCode, string>> = {
  rate_limited: 'rate_limit_error',
  overloaded: 'overloaded_error',
  payload_too_large: 'request_too_large',
  model_not_found: 'not_found_error',
  upstream_timeout: 'timeout_error',
};

/**
 * An AdapterError in Anthropic's shape: `{"type":"error","error":{"type","message"}}`, a
 * context-length refusal in Anthropic's words (clients act on them).
 */
export function toAnthropicError(error: AdapterError): {
  type: 'error';
  error: { type: string; message: string };
} {
  const status = ADAPTER_ERROR_TRAITS[error.code].status;
  const type =
    ANTHROPIC_TYPES[error.code] ?? (status < 500 ? 'invalid_request_error' : 'api_error');
  const message =
    error.code === 'context_length_exceeded'
      ? toPromptTooLongMessage(error.message)
      : error.message;
  return { type: 'error', error: { type, message } };
}
