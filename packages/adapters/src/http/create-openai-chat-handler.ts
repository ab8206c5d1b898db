import type { ProviderClient } from '../core/create-provider-client';
import { createOpenAIChunkEncoder } from '../core/openai-chunk-encoder';
import { parseChatRequest } from '../core/parse-chat-request';
import type { ChatRequest } from '../spec/openai-chat-request';
import type { OpenAIUsage } from '../spec/openai-chat-response';
import type { Usage } from '../spec/usage';
import { encodeStream, jsonResponse, readJsonBody, sseResponse, toAdapterError } from './responses';

export interface ChatHandlerOptions {
  /** The client that serves a request, chosen by its model (and anything else you like). */
  readonly resolveClient: (request: ChatRequest) => ProviderClient | Promise<ProviderClient>;
  /**
   * Called once per request with its usage, for billing: the upstream's numbers, or for a
   * stream that reported none (or was cut) an estimate of what was delivered, flagged `estimated`.
   */
  readonly onUsage?: (usage: Usage | undefined, request: ChatRequest) => void;
}

/**
 * A fetch-style handler for POST /v1/chat/completions in front of any provider:
 * `(Request) => Promise<Response>`, usable from Hono, Next.js, Bun, Deno or node:http.
 */
export function createOpenAIChatHandler(options: ChatHandlerOptions) {
  return async (httpRequest: Request): Promise<Response> => {
    try {
      const request = parseChatRequest(await readJsonBody(httpRequest));
      const client = await options.resolveClient(request);
      if (!request.stream) {
        const completion = await client.chat(request, { signal: httpRequest.signal });
        options.onUsage?.(completion.usage && fromCompletionUsage(completion.usage), request);
        return jsonResponse({ ...completion, model: request.model });
      }
      const abort = new AbortController();
      const events = await client.stream(request, { signal: abort.signal });
      const encoder = createOpenAIChunkEncoder({
        model: request.model,
        includeUsage: request.stream_options?.include_usage === true,
      });
      const frames = encodeStream(events, encoder, request, (usage) =>
        options.onUsage?.(usage, request),
      );
      return sseResponse(frames, () => abort.abort());
    } catch (error) {
      const adapterError = toAdapterError(error);
      return jsonResponse(adapterError.toOpenAIError(), adapterError.status);
    }
  };
}

function fromCompletionUsage(usage: OpenAIUsage): Usage {
  return {
    promptTokens: usage.prompt_tokens,
    completionTokens: usage.completion_tokens,
    ...(usage.prompt_tokens_details?.cached_tokens !== undefined && {
      cachedTokens: usage.prompt_tokens_details.cached_tokens,
    }),
  };
}
