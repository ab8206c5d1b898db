import { withJsonModel } from '../../core/with-json-model';
import type { NativeSupport } from '../../spec/provider-adapter';
import { ANTHROPIC_VERSION } from './to-anthropic-request';

/**
 * An Anthropic client's request, to Anthropic: the body as the client wrote it, byte for byte
 * (the `model` value alone replaced when the channel maps the model to another name), its
 * `anthropic-version` and `anthropic-beta` (betas such as mid-conversation system messages or
 * interleaved thinking work without a gateway release), and the channel's key.
 */
export const anthropicNative: NativeSupport = {
  format: 'anthropic-messages',
  buildRequest: async (init, target) => {
    const beta = init.headers['anthropic-beta'];
    return {
      url: `${target.baseUrl}/v1/messages`,
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'anthropic-version': init.headers['anthropic-version'] ?? ANTHROPIC_VERSION,
        ...(beta !== undefined && { 'anthropic-beta': beta }),
        'x-api-key': target.apiKey,
      },
      body: init.json.model === init.model ? init.body : withJsonModel(init.body, init.model),
    };
  },
};
