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
export { toAnthropicMessage } from './to-anthropic-message';
export { toCanonicalRequest } from './to-canonical-request';
