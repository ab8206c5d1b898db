import { defineProvider } from '../../core/define-provider';
import type { ProviderAdapter } from '../../spec/provider-adapter';
import { fromGeminiResponse } from './from-gemini-response';
import { createGeminiStreamDecoder } from './gemini-stream-decoder';
import { buildGeminiUrl } from './gemini-url';
import { parseGeminiError } from './parse-gemini-error';
import { toGeminiRequest } from './to-gemini-request';

export const GEMINI_DEFAULT_BASE_URL = 'https://generativelanguage.googleapis.com';

/** Google AI Studio (generativelanguage v1beta); the channel key is a Gemini API key. */
export const geminiAdapter: ProviderAdapter = defineProvider({
  id: 'gemini',
  name: 'Google Gemini',
  kind: 'native',
  defaultBaseUrl: GEMINI_DEFAULT_BASE_URL,
  capabilities: { vision: true },
  streamFraming: 'sse',

  async buildChatRequest(request, target) {
    const body = await toGeminiRequest(request, target.fetch ? { fetch: target.fetch } : {});
    return {
      url: buildGeminiUrl(
        target.baseUrl || GEMINI_DEFAULT_BASE_URL,
        request.model,
        request.stream === true,
      ),
      method: 'POST',
      // The header keeps the key out of URLs, and so out of access logs.
      headers: { 'content-type': 'application/json', 'x-goog-api-key': target.apiKey },
      body: JSON.stringify(body),
    };
  },
  // Gemini clients pass through: the body as written, the model (mapped) in the URL.
  native: [
    {
      format: 'gemini-generate-content',
      async buildRequest(init, target) {
        return {
          url: buildGeminiUrl(target.baseUrl || GEMINI_DEFAULT_BASE_URL, init.model, init.stream),
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-goog-api-key': target.apiKey },
          body: init.body,
        };
      },
    },
  ],
  parseChatResponse: fromGeminiResponse,
  createStreamDecoder: createGeminiStreamDecoder,
  parseError: parseGeminiError,
});
