import { buildChatCompletion } from '../../core/build-chat-completion';
import { AdapterError } from '../../spec/adapter-error';
import type { ChatRequest } from '../../spec/openai-chat-request';
import type { ChatCompletion } from '../../spec/openai-chat-response';
import { cloudflareEnvelopeSchema } from './cloudflare-api';
import { mapCloudflareStopReason } from './map-cloudflare-stop-reason';
import {
  readCloudflareText,
  readCloudflareUsage,
  toOpenAIToolCall,
} from './read-cloudflare-result';

/** `{"result": {...}, "success": true, ...}` as an OpenAI chat.completion. */
export function fromCloudflareResponse(body: unknown, request: ChatRequest): ChatCompletion {
  const parsed = cloudflareEnvelopeSchema.safeParse(body);
  if (!parsed.success || parsed.data.success === false) {
    throw new AdapterError('upstream_bad_response', 'Workers AI returned an unexpected body', {
      cause: parsed.error,
    });
  }
  const result = parsed.data.result;
  const toolCalls = (result.tool_calls ?? []).map(toOpenAIToolCall);
  const text = readCloudflareText(result);
  const usage = readCloudflareUsage(result);
  return buildChatCompletion({
    model: request.model,
    text: text === '' && toolCalls.length > 0 ? null : text,
    toolCalls,
    finishReason: mapCloudflareStopReason(request, toolCalls.length > 0, usage),
    usage,
  });
}
