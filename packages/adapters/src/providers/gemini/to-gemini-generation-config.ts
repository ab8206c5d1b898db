import { type ChatRequest, requestedMaxTokens } from '../../spec/openai-chat-request';
import type { GeminiGenerationConfig } from './gemini-api';
import { mapGeminiReasoningEffort } from './map-gemini-reasoning-effort';

/**
 * Sampling, limits, structured output and thinking as Gemini's `generationConfig`.
 * Only what the caller set is sent; undefined when nothing was.
 */
export function toGeminiGenerationConfig(request: ChatRequest): GeminiGenerationConfig | undefined {
  const config: GeminiGenerationConfig = {};
  if (request.temperature != null) config.temperature = request.temperature;
  if (request.top_p != null) config.topP = request.top_p;
  const maxTokens = requestedMaxTokens(request);
  if (maxTokens !== undefined) config.maxOutputTokens = maxTokens;
  if (request.stop != null) {
    config.stopSequences = typeof request.stop === 'string' ? [request.stop] : request.stop;
  }
  if (request.seed != null) config.seed = request.seed;
  if (request.n != null) config.candidateCount = request.n;
  if (request.presence_penalty != null) config.presencePenalty = request.presence_penalty;
  if (request.frequency_penalty != null) config.frequencyPenalty = request.frequency_penalty;
  Object.assign(config, toResponseFormat(request.response_format));
  if (request.reasoning_effort != null) {
    config.thinkingConfig = mapGeminiReasoningEffort(request.model, request.reasoning_effort);
  }
  return Object.keys(config).length > 0 ? config : undefined;
}

function toResponseFormat(
  format: ChatRequest['response_format'],
): Pick<GeminiGenerationConfig, 'responseMimeType' | 'responseJsonSchema'> {
  if (format?.type === 'json_object') return { responseMimeType: 'application/json' };
  if (format?.type !== 'json_schema') return {};
  const schema = format.json_schema.schema;
  // `responseJsonSchema` takes full JSON Schema; `responseSchema` is the OpenAPI subset.
  return {
    responseMimeType: 'application/json',
    ...(schema !== undefined ? { responseJsonSchema: schema } : {}),
  };
}
