import { defineProvider } from '../../core/define-provider';
import { anthropicNative } from './anthropic-native';
import { createAnthropicStreamDecoder } from './anthropic-stream-decoder';
import { fromAnthropicResponse } from './from-anthropic-response';
import { parseAnthropicError } from './parse-anthropic-error';
import { toAnthropicRequest } from './to-anthropic-request';

export const anthropicAdapter = defineProvider({
  id: 'anthropic',
  name: 'Anthropic',
  kind: 'native',
  defaultBaseUrl: 'https://api.anthropic.com',
  streamFraming: 'sse',
  capabilities: { vision: true },
  configFields: [
    {
      name: 'defaultMaxTokens',
      label: 'Default max tokens',
      required: false,
      type: 'integer',
      description: 'Sent as max_tokens when the caller sets none (Anthropic requires it).',
      default: '4096',
    },
  ],
  buildChatRequest: async (request, target) => toAnthropicRequest(request, target),
  parseChatResponse: (body) => fromAnthropicResponse(body),
  createStreamDecoder: () => createAnthropicStreamDecoder(),
  parseError: parseAnthropicError,
  native: [anthropicNative],
});
