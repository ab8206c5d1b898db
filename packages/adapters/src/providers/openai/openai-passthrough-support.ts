import { AdapterError } from '../../spec/adapter-error';
import type {
  OpenAIEndpoint,
  PassthroughSupport,
  UpstreamTarget,
} from '../../spec/provider-adapter';
import type { OpenAICompatibleQuirks } from './openai-compatible-quirks';
import { authHeaders } from './to-openai-request';

/** Builds byte-for-byte passthrough requests to an OpenAI-compatible vendor's other endpoints. */
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
      return {
        url: buildUrl(target, endpoint, { model: init.model }),
        method: 'POST',
        headers: {
          'content-type': init.contentType,
          ...authHeaders(target.apiKey, quirks.auth ?? 'bearer'),
          ...quirks.extraHeaders,
        },
        body: init.body,
      };
    },
  };
}
