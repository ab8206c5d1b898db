import { encodeJsonBody } from '../../core/encode-json-body';
import { AdapterError } from '../../spec/adapter-error';
import type { ChatRequest } from '../../spec/openai-chat-request';
import type {
  OpenAIEndpoint,
  PassthroughInit,
  PassthroughSupport,
  UpstreamTarget,
} from '../../spec/provider-adapter';
import type { OpenAICompatibleQuirks } from './openai-compatible-quirks';
import { authHeaders, toOpenAIBody } from './to-openai-request';

/** Builds byte-for-byte passthrough requests to an OpenAI-compatible vendor's endpoints. */
export function createOpenAIPassthroughSupport(
  endpoints: readonly OpenAIEndpoint[],
  quirks: OpenAICompatibleQuirks,
  buildUrl: (target: UpstreamTarget, path: string, request: { model: string }) => string,
): PassthroughSupport {
  return {
    endpoints,
    async buildRequest(endpoint, init, target) {
      if (!endpoints.includes(endpoint)) {
        throw new AdapterError('unsupported', `This channel does not serve ${endpoint}`, {
          param: 'model',
        });
      }
      const chat = endpoint === '/chat/completions';
      const path = chat ? (quirks.chatPath ?? endpoint) : endpoint;
      return {
        url: buildUrl(target, path, { model: init.model }),
        method: 'POST',
        headers: {
          'content-type': init.contentType,
          ...authHeaders(target.apiKey, quirks.auth ?? 'bearer'),
          ...quirks.extraHeaders,
        },
        body: chat ? await chatBody(init, quirks, target) : init.body,
      };
    },
  };
}

/**
 * A chat body goes as the caller's bytes when the vendor's changes (`toOpenAIBody`) leave it
 * as it is, the common case; otherwise the changed body is encoded, as a translated request's.
 */
async function chatBody(
  init: PassthroughInit,
  quirks: OpenAICompatibleQuirks,
  target: UpstreamTarget,
): Promise<string | Uint8Array> {
  if (!init.json) return init.body;
  const wire = toOpenAIBody(init.json as unknown as ChatRequest, quirks);
  return wire === init.json ? init.body : encodeJsonBody(target, wire);
}
