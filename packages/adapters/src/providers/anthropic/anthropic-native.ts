import { withJsonModel } from '../../core/with-json-model';
import type {
  NativeRequestInit,
  NativeSupport,
  UpstreamRequest,
  UpstreamTarget,
} from '../../spec/provider-adapter';
import { ANTHROPIC_VERSION } from './to-anthropic-request';

/**
 * An Anthropic client's request, to Anthropic: the body as the client wrote it, byte for byte
 * (the `model` value alone replaced when the channel maps the model to another name), its
 * `anthropic-version` and `anthropic-beta` (betas such as mid-conversation system messages or
 * interleaved thinking work without a gateway release), and the channel's key.
 */
export const anthropicNative: NativeSupport = {
  format: 'anthropic-messages',
  buildRequest: async (init, target) => toAnthropicNativeRequest(init, target, '/v1/messages'),
  // The same body, counted by Anthropic (free, rate-limited apart from messages).
  buildCountTokensRequest: async (init, target) =>
    toAnthropicNativeRequest(init, target, '/v1/messages/count_tokens'),
};

function toAnthropicNativeRequest(
  init: NativeRequestInit,
  target: UpstreamTarget,
  path: string,
): UpstreamRequest {
  const beta = init.headers['anthropic-beta'];
  return {
    url: `${target.baseUrl}${path}`,
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'anthropic-version': init.headers['anthropic-version'] ?? ANTHROPIC_VERSION,
      ...(beta !== undefined && { 'anthropic-beta': beta }),
      'x-api-key': target.apiKey,
    },
    body: init.json.model === init.model ? init.body : withJsonModel(init.body, init.model),
  };
}
