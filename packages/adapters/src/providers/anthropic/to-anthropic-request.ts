import { encodeJsonBody } from '../../core/encode-json-body';
import { AdapterError } from '../../spec/adapter-error';
import { type ChatRequest, requestedMaxTokens } from '../../spec/openai-chat-request';
import type { UpstreamRequest, UpstreamTarget } from '../../spec/provider-adapter';
import type { AnthropicMessagesRequest, AnthropicToolChoice } from './anthropic-api';
import { toAnthropicConversation } from './to-anthropic-messages';

export const ANTHROPIC_VERSION = '2023-06-01';

/**
 * Anthropic requires `max_tokens`; OpenAI callers often omit it. This default is used only
 * then, and a channel can change it with the `defaultMaxTokens` setting.
 */
export const DEFAULT_MAX_TOKENS = 4096;

/** Thinking budgets for OpenAI's `reasoning_effort`; each must stay below max_tokens. */
const THINKING_BUDGETS = { minimal: 1024, low: 2048, medium: 8192, high: 24_576 } as const;

export function toAnthropicBody(
  request: ChatRequest,
  target: UpstreamTarget,
): AnthropicMessagesRequest {
  if ((request.n ?? 1) > 1) {
    throw new AdapterError('unsupported', 'Anthropic models return one choice; n must be 1', {
      param: 'n',
    });
  }
  const { system, messages } = toAnthropicConversation(request.messages);
  const configured = Number(target.config.defaultMaxTokens);
  const maxTokens =
    requestedMaxTokens(request) ?? (configured > 0 ? configured : DEFAULT_MAX_TOKENS);
  const body: AnthropicMessagesRequest = { model: request.model, max_tokens: maxTokens, messages };
  if (system !== undefined) body.system = system;
  // OpenAI allows temperature up to 2, Anthropic up to 1.
  if (request.temperature != null) body.temperature = Math.min(request.temperature, 1);
  if (request.top_p != null) body.top_p = request.top_p;
  if (request.stop != null)
    body.stop_sequences = typeof request.stop === 'string' ? [request.stop] : request.stop;
  if (request.stream) body.stream = true;
  if (request.user) body.metadata = { user_id: request.user };
  if (request.tools && request.tool_choice !== 'none') {
    body.tools = request.tools.map((tool) => ({
      name: tool.function.name,
      ...(tool.function.description && { description: tool.function.description }),
      input_schema: tool.function.parameters ?? { type: 'object', properties: {} },
    }));
    const choice = toAnthropicToolChoice(request);
    if (choice) body.tool_choice = choice;
  }
  if (request.reasoning_effort) {
    const budget = THINKING_BUDGETS[request.reasoning_effort];
    body.thinking = {
      type: 'enabled',
      budget_tokens: Math.min(budget, Math.max(maxTokens - 1, 1024)),
    };
    // Extended thinking requires the default temperature.
    delete body.temperature;
  }
  return body;
}

function toAnthropicToolChoice(request: ChatRequest): AnthropicToolChoice | undefined {
  const parallel = request.parallel_tool_calls === false ? { disable_parallel_tool_use: true } : {};
  const choice = request.tool_choice;
  if (choice === undefined)
    return request.parallel_tool_calls === false ? { type: 'auto', ...parallel } : undefined;
  if (choice === 'auto') return { type: 'auto', ...parallel };
  if (choice === 'required') return { type: 'any', ...parallel };
  if (choice === 'none') return undefined;
  return { type: 'tool', name: choice.function.name, ...parallel };
}

export async function toAnthropicRequest(
  request: ChatRequest,
  target: UpstreamTarget,
): Promise<UpstreamRequest> {
  return {
    url: `${target.baseUrl}/v1/messages`,
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-api-key': target.apiKey,
      'anthropic-version': ANTHROPIC_VERSION,
    },
    body: await encodeJsonBody(target, toAnthropicBody(request, target)),
  };
}
