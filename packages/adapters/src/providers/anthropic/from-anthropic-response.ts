import { buildChatCompletion } from '../../core/build-chat-completion';
import { asRecord } from '../../core/parse-json';
import { AdapterError } from '../../spec/adapter-error';
import type { ThinkingBlock } from '../../spec/openai-chat-request';
import type { ChatCompletion, ChatToolCall } from '../../spec/openai-chat-response';
import { fromAnthropicUsage } from './anthropic-usage';
import { mapAnthropicStopReason } from './map-anthropic-stop-reason';

/**
 * An Anthropic `message` as an OpenAI `chat.completion`; its thinking blocks are kept whole
 * (with their signatures) besides the reasoning text, for a later turn to send back.
 */
export function fromAnthropicResponse(body: unknown): ChatCompletion {
  const message = asRecord(body);
  if (!Array.isArray(message.content)) {
    throw new AdapterError('upstream_bad_response', 'The Anthropic response has no content');
  }
  let text = '';
  let reasoning = '';
  const thinkingBlocks: ThinkingBlock[] = [];
  const toolCalls: ChatToolCall[] = [];
  for (const raw of message.content) {
    const block = asRecord(raw);
    if (block.type === 'text' && typeof block.text === 'string') text += block.text;
    if (block.type === 'thinking' && typeof block.thinking === 'string') {
      reasoning += block.thinking;
      thinkingBlocks.push({
        type: 'thinking',
        thinking: block.thinking,
        signature: String(block.signature ?? ''),
      });
    }
    if (block.type === 'redacted_thinking' && typeof block.data === 'string')
      thinkingBlocks.push({ type: 'redacted_thinking', data: block.data });
    if (block.type === 'tool_use') {
      toolCalls.push({
        id: String(block.id),
        type: 'function',
        function: { name: String(block.name), arguments: JSON.stringify(block.input ?? {}) },
      });
    }
  }
  return buildChatCompletion({
    id: typeof message.id === 'string' ? message.id : undefined,
    model: typeof message.model === 'string' ? message.model : '',
    text: text === '' && toolCalls.length > 0 ? null : text,
    reasoning,
    thinkingBlocks,
    toolCalls,
    finishReason: mapAnthropicStopReason(message.stop_reason as string | null),
    usage: fromAnthropicUsage(message.usage),
  });
}
