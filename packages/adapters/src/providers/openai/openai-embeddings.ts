import { asRecord } from '../../core/parse-json';
import { AdapterError } from '../../spec/adapter-error';
import type {
  EmbeddingsResponse,
  EmbeddingsSupport,
  UpstreamTarget,
} from '../../spec/provider-adapter';
import type { OpenAICompatibleQuirks } from './openai-compatible-quirks';
import { authHeaders } from './to-openai-request';

/** `/embeddings` for vendors that serve it in OpenAI's shape: the body goes as it came. */
export function createOpenAIEmbeddings(
  quirks: OpenAICompatibleQuirks,
  buildUrl: (target: UpstreamTarget, path: string, request: { model: string }) => string,
): EmbeddingsSupport {
  return {
    async buildRequest(request, target) {
      return {
        url: buildUrl(target, '/embeddings', request),
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...authHeaders(target.apiKey, quirks.auth ?? 'bearer'),
          ...quirks.extraHeaders,
        },
        body: JSON.stringify(request),
      };
    },
    parseResponse(body) {
      const response = asRecord(body);
      if (!Array.isArray(response.data)) {
        throw new AdapterError('upstream_bad_response', 'The embeddings response has no data');
      }
      return response as unknown as EmbeddingsResponse;
    },
  };
}
