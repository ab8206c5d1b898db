import { type ChatRequest, requestedMaxTokens } from '../../spec/openai-chat-request';
import type { UpstreamRequest, UpstreamTarget } from '../../spec/provider-adapter';
import type { OllamaOptions } from './ollama-api';
import { toOllamaMessages } from './to-ollama-messages';

/**
 * Builds `POST /api/chat`. `stream` is always sent because Ollama streams when it is absent.
 * Sampling settings go under `options`. Ollama has no tool_choice: `none` withholds the
 * tools, anything else lets the model choose.
 */
export async function toOllamaRequest(
  request: ChatRequest,
  target: UpstreamTarget,
): Promise<UpstreamRequest> {
  const options = toOllamaOptions(request);
  const tools = request.tool_choice === 'none' ? [] : (request.tools ?? []);
  const format = toOllamaFormat(request);
  const body = {
    model: request.model,
    messages: await toOllamaMessages(request.messages, target),
    stream: request.stream === true,
    ...(tools.length > 0 && { tools }),
    ...(Object.keys(options).length > 0 && { options }),
    ...(format !== undefined && { format }),
  };
  return {
    url: `${target.baseUrl}/api/chat`,
    method: 'POST',
    headers: ollamaHeaders(target),
    body: JSON.stringify(body),
  };
}

/** A local Ollama needs no key; one behind a proxy or Ollama's cloud takes a bearer token. */
export function ollamaHeaders(target: UpstreamTarget): Record<string, string> {
  return target.apiKey
    ? { 'Content-Type': 'application/json', Authorization: `Bearer ${target.apiKey}` }
    : { 'Content-Type': 'application/json' };
}

function toOllamaOptions(request: ChatRequest): OllamaOptions {
  const maxTokens = requestedMaxTokens(request);
  const stop = request.stop;
  return {
    ...(request.temperature != null && { temperature: request.temperature }),
    ...(request.top_p != null && { top_p: request.top_p }),
    ...(maxTokens !== undefined && { num_predict: maxTokens }),
    ...(stop != null && { stop: typeof stop === 'string' ? [stop] : stop }),
    ...(request.seed != null && { seed: request.seed }),
    ...(request.presence_penalty != null && { presence_penalty: request.presence_penalty }),
    ...(request.frequency_penalty != null && { frequency_penalty: request.frequency_penalty }),
  };
}

/** json_object -> "json"; json_schema -> the schema itself, which Ollama enforces. */
function toOllamaFormat(request: ChatRequest): 'json' | Record<string, unknown> | undefined {
  const format = request.response_format;
  if (format?.type === 'json_object') return 'json';
  if (format?.type === 'json_schema') return format.json_schema.schema ?? 'json';
  return undefined;
}
