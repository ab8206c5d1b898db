import { appendAll } from '../../core/append-all';
import { parseDataUrl } from '../../core/data-url';
import { AdapterError } from '../../spec/adapter-error';
import { type ChatMessage, type ContentPart, messageText } from '../../spec/openai-chat-request';
import type { AnthropicContentBlock, AnthropicMessage } from './anthropic-api';

export interface AnthropicConversation {
  readonly system: string | undefined;
  readonly messages: AnthropicMessage[];
}

/**
 * OpenAI messages as Anthropic turns: system and developer messages become `system`,
 * tool results become `tool_result` blocks in a user turn, and consecutive turns of one
 * role are merged, because Anthropic requires user and assistant to alternate.
 */
export function toAnthropicConversation(messages: readonly ChatMessage[]): AnthropicConversation {
  const system: string[] = [];
  const turns: AnthropicMessage[] = [];
  const push = (role: 'user' | 'assistant', blocks: AnthropicContentBlock[]) => {
    const last = turns.at(-1);
    if (last && last.role === role) appendAll(last.content as AnthropicContentBlock[], blocks);
    else turns.push({ role, content: blocks });
  };
  messages.forEach((message, index) => {
    switch (message.role) {
      case 'system':
      case 'developer':
        system.push(messageText(message.content));
        return;
      case 'user':
        push('user', toUserBlocks(message.content, index));
        return;
      case 'assistant':
        push('assistant', toAssistantBlocks(message, index));
        return;
      case 'tool':
        push('user', [
          {
            type: 'tool_result',
            tool_use_id: message.tool_call_id,
            content: messageText(message.content),
          },
        ]);
        return;
    }
  });
  return { system: system.length > 0 ? system.join('\n\n') : undefined, messages: turns };
}

function toUserBlocks(content: string | ContentPart[], index: number): AnthropicContentBlock[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return content.map((part, partIndex) =>
    toUserBlock(part, `messages[${index}].content[${partIndex}]`),
  );
}

function toUserBlock(part: ContentPart, param: string): AnthropicContentBlock {
  switch (part.type) {
    case 'text':
      return { type: 'text', text: part.text };
    case 'image_url': {
      // Anthropic fetches https images itself; data URLs become base64 sources.
      const inline = parseDataUrl(part.image_url.url);
      return inline
        ? {
            type: 'image',
            source: { type: 'base64', media_type: inline.mediaType, data: inline.base64 },
          }
        : { type: 'image', source: { type: 'url', url: part.image_url.url } };
    }
    case 'file': {
      const inline = part.file.file_data ? parseDataUrl(part.file.file_data) : undefined;
      if (!inline)
        throw new AdapterError('unsupported', 'Files must be sent as data: URLs', { param });
      return {
        type: 'document',
        source: { type: 'base64', media_type: inline.mediaType, data: inline.base64 },
      };
    }
    case 'input_audio':
      throw new AdapterError('unsupported', 'Anthropic models do not accept audio input', {
        param,
      });
  }
}

function toAssistantBlocks(
  message: Extract<ChatMessage, { role: 'assistant' }>,
  index: number,
): AnthropicContentBlock[] {
  // Signed thinking opens the turn, unchanged: Anthropic refuses a thinking tool turn without it.
  const blocks: AnthropicContentBlock[] = [...(message.thinking_blocks ?? [])];
  const text = messageText(message.content ?? '');
  if (text) blocks.push({ type: 'text', text });
  for (const [callIndex, call] of (message.tool_calls ?? []).entries()) {
    blocks.push({
      type: 'tool_use',
      id: call.id,
      name: call.function.name,
      input: parseArguments(
        call.function.arguments,
        `messages[${index}].tool_calls[${callIndex}].function.arguments`,
      ),
    });
  }
  return blocks;
}

function parseArguments(text: string, param: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AdapterError('invalid_request', 'Tool call arguments must be a JSON object', {
      param,
    });
  }
}
