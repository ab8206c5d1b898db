import { defineProvider } from '../../core/define-provider';
import type { ProviderAdapter } from '../../spec/provider-adapter';
import { fromOllamaResponse } from './from-ollama-response';
import { ollamaEmbeddings } from './ollama-embeddings';
import { createOllamaStreamDecoder } from './ollama-stream-decoder';
import { parseOllamaError } from './parse-ollama-error';
import { toOllamaRequest } from './to-ollama-request';

/**
 * Ollama's native API (`/api/chat`, `/api/embed`). The default base URL is the local server,
 * a private address: checking channel base URLs is the gateway's job, not this adapter's.
 */
export const ollamaAdapter: ProviderAdapter = defineProvider({
  id: 'ollama',
  name: 'Ollama',
  kind: 'native',
  defaultBaseUrl: 'http://localhost:11434',
  capabilities: { vision: true },
  streamFraming: 'ndjson',
  buildChatRequest: toOllamaRequest,
  parseChatResponse: fromOllamaResponse,
  createStreamDecoder: createOllamaStreamDecoder,
  parseError: parseOllamaError,
  embeddings: ollamaEmbeddings,
});
