import { encodeEmbeddingBase64 } from '../../core/encode-embedding-base64';
import { AdapterError } from '../../spec/adapter-error';
import type {
  EmbeddingsRequest,
  EmbeddingsResponse,
  EmbeddingsSupport,
  UpstreamRequest,
  UpstreamTarget,
} from '../../spec/provider-adapter';
import { ollamaEmbedResponseSchema } from './ollama-api';
import { ollamaHeaders } from './to-ollama-request';

/** `POST /api/embed` `{model, input}` -> `{embeddings}`; base64 is produced locally. */
export const ollamaEmbeddings: EmbeddingsSupport = {
  async buildRequest(request: EmbeddingsRequest, target: UpstreamTarget): Promise<UpstreamRequest> {
    const input = request.input;
    const isText = typeof input === 'string' || input.every((item) => typeof item === 'string');
    if (!isText) {
      throw new AdapterError('unsupported', 'Ollama embeds text only, not token arrays', {
        param: 'input',
      });
    }
    const body = {
      model: request.model,
      input,
      ...(request.dimensions !== undefined && { dimensions: request.dimensions }),
    };
    return {
      url: `${target.baseUrl}/api/embed`,
      method: 'POST',
      headers: ollamaHeaders(target),
      body: JSON.stringify(body),
    };
  },

  parseResponse(body: unknown, request: EmbeddingsRequest): EmbeddingsResponse {
    const parsed = ollamaEmbedResponseSchema.safeParse(body);
    if (!parsed.success) {
      throw new AdapterError('upstream_bad_response', 'Ollama returned an unexpected embed body', {
        cause: parsed.error,
      });
    }
    const tokens = parsed.data.prompt_eval_count ?? 0;
    return {
      object: 'list',
      data: parsed.data.embeddings.map((values, index) => ({
        object: 'embedding',
        index,
        embedding: request.encoding_format === 'base64' ? encodeEmbeddingBase64(values) : values,
      })),
      model: request.model,
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    };
  },
};
