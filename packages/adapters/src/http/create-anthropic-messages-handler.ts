import { toAnthropicError } from '../anthropic-ingress/anthropic-error';
import { createAnthropicEventEncoder } from '../anthropic-ingress/anthropic-event-encoder';
import { anthropicMessagesRequestSchema } from '../anthropic-ingress/anthropic-messages-schema';
import { toAnthropicMessage } from '../anthropic-ingress/to-anthropic-message';
import { toCanonicalRequest } from '../anthropic-ingress/to-canonical-request';
import { parseWithSchema } from '../core/parse-chat-request';
import { estimatePromptTokens } from '../core/prompt-token-estimate';
import type { ChatHandlerOptions } from './create-openai-chat-handler';
import { encodeStream, jsonResponse, readJsonBody, sseResponse, toAdapterError } from './responses';

/**
 * A fetch-style handler for POST /v1/messages: Claude clients (the Anthropic SDK, Claude
 * Code) talking to any provider. The request is made canonical, served, and the answer or
 * stream is written back in Anthropic's format; errors too.
 */
export function createAnthropicMessagesHandler(options: ChatHandlerOptions) {
  return async (httpRequest: Request): Promise<Response> => {
    try {
      const input = parseWithSchema(
        anthropicMessagesRequestSchema,
        await readJsonBody(httpRequest),
      );
      const request = toCanonicalRequest(input);
      const client = await options.resolveClient(request);
      if (!request.stream) {
        const completion = await client.chat(request, { signal: httpRequest.signal });
        const usage = completion.usage && {
          promptTokens: completion.usage.prompt_tokens,
          completionTokens: completion.usage.completion_tokens,
        };
        options.onUsage?.(usage, request);
        return jsonResponse(toAnthropicMessage(completion, input.model));
      }
      const abort = new AbortController();
      const events = await client.stream(request, { signal: abort.signal });
      // message_start announces an estimate, no tokenizer: message_delta's usage replaces it.
      const encoder = createAnthropicEventEncoder({
        model: input.model,
        estimatedInputTokens: await estimatePromptTokens(request),
      });
      const frames = encodeStream(events, encoder, request, (usage) =>
        options.onUsage?.(usage, request),
      );
      return sseResponse(frames, () => abort.abort());
    } catch (error) {
      const adapterError = toAdapterError(error);
      return jsonResponse(toAnthropicError(adapterError), adapterError.status);
    }
  };
}
