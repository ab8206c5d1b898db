import { defineProvider } from '../../core/define-provider';
import type { ProviderAdapter } from '../../spec/provider-adapter';
import { cohereEmbeddings } from './cohere-embeddings';
import { createCohereStreamDecoder } from './cohere-stream-decoder';
import { fromCohereResponse } from './from-cohere-response';
import { parseCohereError } from './parse-cohere-error';
import { toCohereRequest } from './to-cohere-request';

/** Cohere v2 chat (`/v2/chat`) and embeddings (`/v2/embed`). */
export const cohereAdapter: ProviderAdapter = defineProvider({
  id: 'cohere',
  name: 'Cohere',
  kind: 'native',
  defaultBaseUrl: 'https://api.cohere.com',
  capabilities: { vision: true },
  streamFraming: 'sse',
  buildChatRequest: async (request, target) => toCohereRequest(request, target),
  parseChatResponse: fromCohereResponse,
  createStreamDecoder: createCohereStreamDecoder,
  parseError: parseCohereError,
  embeddings: cohereEmbeddings,
});
