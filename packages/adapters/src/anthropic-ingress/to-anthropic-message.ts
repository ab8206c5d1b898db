import type {
  AnthropicContentBlock,
  AnthropicMessageResponse,
} from '../providers/anthropic/anthropic-api';
import { toAnthropicStopReason } from '../providers/anthropic/map-anthropic-stop-reason';
import type { ChatCompletion } from '../spec/openai-chat-response';
import type { Usage } from '../spec/usage';

/** A canonical completion as the Anthropic `message` a Claude client expects. */
export function toAnthropicMessage(
  completion: ChatCompletion,
  model: string,
  usage?: Usage,
): AnthropicMessageResponse {
  const choice = completion.choices[0];
  const content: AnthropicContentBlock[] = [];
  if (choice?.message.reasoning_content) {
    content.push({ type: 'thinking', thinking: choice.message.reasoning_content, signature: '' });
  }
  const text = choice?.message.content ?? choice?.message.refusal ?? '';
  if (text) content.push({ type: 'text', text });
  for (const call of choice?.message.tool_calls ?? []) {
    content.push({
      type: 'tool_use',
      id: call.id,
      name: call.function.name,
      input: parseInput(call.function.arguments),
    });
  }
  return {
    id: toMessageId(completion.id),
    type: 'message',
    role: 'assistant',
    model,
    content,
    stop_reason: toAnthropicStopReason(choice?.finish_reason ?? null),
    stop_sequence: null,
    usage: toAnthropicUsage(usage, completion),
  };
}

export function toAnthropicUsage(usage: Usage | undefined, completion?: ChatCompletion) {
  const prompt = usage?.promptTokens ?? completion?.usage?.prompt_tokens ?? 0;
  const cached =
    usage?.cachedTokens ?? completion?.usage?.prompt_tokens_details?.cached_tokens ?? 0;
  const written = usage?.cacheWriteTokens ?? 0;
  return {
    // Anthropic counts cached input apart from input_tokens.
    input_tokens: Math.max(prompt - cached - written, 0),
    output_tokens: usage?.completionTokens ?? completion?.usage?.completion_tokens ?? 0,
    cache_read_input_tokens: cached,
    cache_creation_input_tokens: written,
  };
}

export const toMessageId = (id: string) =>
  id.startsWith('msg_') ? id : `msg_${id.replace(/^chatcmpl-/, '')}`;

function parseInput(text: string): unknown {
  try {
    return text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    // A provider produced arguments that are not JSON; hand them over rather than lose them.
    return { arguments: text };
  }
}
