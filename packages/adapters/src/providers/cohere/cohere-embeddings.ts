import { encodeEmbeddingBase64 } from '../../core/encode-embedding-base64';
import { AdapterError } from '../../spec/adapter-error';
import type {
  EmbeddingsRequest,
  EmbeddingsResponse,
  EmbeddingsSupport,
  UpstreamRequest,
  UpstreamTarget,
} from '../../spec/provider-adapter';
import { cohereEmbedResponseSchema } from './cohere-api';

/**
 * `POST /v2/embed`. OpenAI's embeddings API has no input type, so texts are embedded as
 * `search_document`, the general-purpose choice. Floats are always asked for; base64 is
 * produced locally because the OpenAI SDKs ask for base64 by default.
 */
export const cohereEmbeddings: EmbeddingsSupport = {
  async buildRequest(request: EmbeddingsRequest, target: UpstreamTarget): Promise<UpstreamRequest> {
    const body = {
      model: request.model,
      texts: toTexts(request.input),
      input_type: 'search_document',
      embedding_types: ['float'],
      ...(request.dimensions !== undefined && { output_dimension: request.dimensions }),
    };
    return {
      url: `${target.baseUrl}/v2/embed`,
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${target.apiKey}` },
      body: JSON.stringify(body),
    };
  },

  parseResponse(body: unknown, request: EmbeddingsRequest): EmbeddingsResponse {
    const parsed = cohereEmbedResponseSchema.safeParse(body);
    if (!parsed.success) {
      throw new AdapterError('upstream_bad_response', 'Cohere returned an unexpected embed body', {
        cause: parsed.error,
      });
    }
    const tokens = parsed.data.meta?.billed_units?.input_tokens ?? 0;
    return {
      object: 'list',
      data: parsed.data.embeddings.float.map((values, index) => ({
        object: 'embedding',
        index,
        embedding: request.encoding_format === 'base64' ? encodeEmbeddingBase64(values) : values,
      })),
      model: request.model,
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    };
  },
};

function toTexts(input: EmbeddingsRequest['input']): string[] {
  const texts = typeof input === 'string' ? [input] : input;
  if (!texts.every((text): text is string => typeof text === 'string')) {
    throw new AdapterError('unsupported', 'Cohere embeds text only, not token arrays', {
      param: 'input',
    });
  }
  return texts;
}
