export {
  type AnthropicStreamMeter,
  createAnthropicStreamMeter,
  readAnthropicMessageUsage,
  readAnthropicStreamError,
} from './anthropic-answer-usage';
export { toAnthropicError } from './anthropic-error';
export {
  type AnthropicEventEncoder,
  type AnthropicEventEncoderOptions,
  createAnthropicEventEncoder,
} from './anthropic-event-encoder';
export {
  type AnthropicMessagesInput,
  anthropicMessagesRequestSchema,
} from './anthropic-messages-schema';
export {
  ANTHROPIC_FORWARDED_HEADERS,
  type AnthropicPassthroughRequest,
  countAnthropicPromptTokens,
  readAnthropicPassthrough,
} from './read-anthropic-passthrough';
export { toAnthropicMessage } from './to-anthropic-message';
export { toCanonicalRequest } from './to-canonical-request';
