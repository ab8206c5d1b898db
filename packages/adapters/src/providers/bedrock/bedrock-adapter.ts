import { defineProvider } from '../../core/define-provider';
import { registerFraming } from '../../core/read-stream-messages';
import { bedrockAnthropicNative } from './bedrock-anthropic-native';
import { createBedrockStreamDecoder } from './bedrock-stream-decoder';
import { buildBedrockRequest } from './build-bedrock-request';
import { fromBedrockResponse } from './from-bedrock-response';
import { parseBedrockError } from './parse-bedrock-error';
import { readAwsEventStream } from './read-aws-event-stream';

// ConverseStream bodies are AWS event-stream frames; core knows no AWS code, so the reader
// is registered here, when the Bedrock adapter is first imported.
registerFraming('aws-eventstream', readAwsEventStream);

/** AWS Bedrock through the Converse and ConverseStream APIs; Anthropic clients through InvokeModel. */
export const bedrockAdapter = defineProvider({
  id: 'bedrock',
  name: 'AWS Bedrock',
  kind: 'native',
  // Derived from the channel's region when the channel has no base URL.
  defaultBaseUrl: undefined,
  capabilities: { vision: true },
  streamFraming: 'aws-eventstream',
  configFields: [
    { name: 'region', label: 'Region', required: true, description: 'AWS region, e.g. us-east-1' },
    {
      name: 'authMode',
      label: 'Auth mode',
      required: false,
      type: 'select',
      options: ['sigv4', 'api-key'],
      default: 'sigv4',
      description:
        'sigv4: key is ACCESS_KEY_ID:SECRET_ACCESS_KEY[:SESSION_TOKEN]; api-key: key is a Bedrock API key (Bearer)',
    },
  ],
  buildChatRequest: buildBedrockRequest,
  parseChatResponse: fromBedrockResponse,
  createStreamDecoder: () => createBedrockStreamDecoder(),
  parseError: parseBedrockError,
  native: [bedrockAnthropicNative],
});
