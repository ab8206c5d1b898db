import { AdapterError } from '../../spec/adapter-error';
import { type ChatRequest, requestedMaxTokens } from '../../spec/openai-chat-request';
import type { BedrockConverseRequest, BedrockInferenceConfig } from './bedrock-api';
import type { ImageOptions } from './to-bedrock-image';
import { toBedrockMessages } from './to-bedrock-messages';
import { toBedrockThinking } from './to-bedrock-thinking';
import { toBedrockToolConfig } from './to-bedrock-tools';

/**
 * Builds a Converse request body. Only fields the caller sent are set; OpenAI fields with no
 * Converse counterpart (seed, penalties, logprobs, user, metadata) are not forwarded.
 */
export async function toBedrockRequest(
  request: ChatRequest,
  options: ImageOptions,
): Promise<BedrockConverseRequest> {
  if (request.n != null && request.n > 1) {
    throw new AdapterError('unsupported', 'Bedrock Converse returns one choice; n must be 1', {
      param: 'n',
    });
  }
  const { system, messages } = await toBedrockMessages(request.messages, options);
  const inferenceConfig = toInferenceConfig(request);
  const toolConfig = toBedrockToolConfig(request);
  const thinking = toBedrockThinking(request);
  return {
    messages,
    ...(system.length > 0 && { system }),
    ...(inferenceConfig && { inferenceConfig }),
    ...(toolConfig && { toolConfig }),
    ...(thinking && { additionalModelRequestFields: { thinking } }),
  };
}

function toInferenceConfig(request: ChatRequest): BedrockInferenceConfig | undefined {
  const maxTokens = requestedMaxTokens(request);
  const stop = request.stop;
  const config: BedrockInferenceConfig = {
    ...(maxTokens !== undefined && { maxTokens }),
    ...(request.temperature != null && { temperature: request.temperature }),
    ...(request.top_p != null && { topP: request.top_p }),
    ...(stop != null && { stopSequences: typeof stop === 'string' ? [stop] : stop }),
  };
  return Object.keys(config).length > 0 ? config : undefined;
}
