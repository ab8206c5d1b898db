import {
  type ChatRequest,
  type ChatTool,
  requestedMaxTokens,
} from '../../spec/openai-chat-request';
import type { UpstreamRequest, UpstreamTarget } from '../../spec/provider-adapter';
import type { CohereTool } from './cohere-api';
import { toCohereMessages } from './to-cohere-messages';

/** Builds `POST /v2/chat`; only the fields the caller set are sent. */
export function toCohereRequest(request: ChatRequest, target: UpstreamTarget): UpstreamRequest {
  const stop = request.stop;
  const maxTokens = requestedMaxTokens(request);
  const body = {
    model: request.model,
    messages: toCohereMessages(request.messages),
    stream: request.stream === true,
    ...toCohereTools(request),
    ...(maxTokens !== undefined && { max_tokens: maxTokens }),
    ...(request.temperature != null && { temperature: request.temperature }),
    ...(request.top_p != null && { p: request.top_p }),
    ...(stop != null && { stop_sequences: typeof stop === 'string' ? [stop] : stop }),
    ...(request.seed != null && { seed: request.seed }),
    ...(request.frequency_penalty != null && { frequency_penalty: request.frequency_penalty }),
    ...(request.presence_penalty != null && { presence_penalty: request.presence_penalty }),
    ...toCohereResponseFormat(request),
  };
  return {
    url: `${target.baseUrl}/v2/chat`,
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${target.apiKey}` },
    body: JSON.stringify(body),
  };
}

/**
 * Cohere's tool_choice knows only REQUIRED and NONE. A named function becomes REQUIRED
 * with the tool list narrowed to that function, which forces the same call.
 */
function toCohereTools(request: ChatRequest): { tools?: CohereTool[]; tool_choice?: string } {
  const tools = request.tools ?? [];
  const choice = request.tool_choice;
  if (tools.length === 0) return {};
  if (choice === undefined || choice === 'auto') return { tools: tools.map(toCohereTool) };
  if (choice === 'none') return { tools: tools.map(toCohereTool), tool_choice: 'NONE' };
  if (choice === 'required') return { tools: tools.map(toCohereTool), tool_choice: 'REQUIRED' };
  const named = tools.filter((tool) => tool.function.name === choice.function.name);
  return { tools: named.map(toCohereTool), tool_choice: 'REQUIRED' };
}

function toCohereTool(tool: ChatTool): CohereTool {
  const { name, description, parameters } = tool.function;
  return {
    type: 'function',
    function: {
      name,
      ...(description !== undefined && { description }),
      ...(parameters !== undefined && { parameters }),
    },
  };
}

function toCohereResponseFormat(request: ChatRequest): { response_format?: object } {
  const format = request.response_format;
  if (!format) return {};
  if (format.type === 'json_schema') {
    const schema = format.json_schema.schema;
    return { response_format: { type: 'json_object', ...(schema && { json_schema: schema }) } };
  }
  return { response_format: { type: format.type } };
}
