import { AdapterError } from '../../spec/adapter-error';
import { type ChatMessage, type ContentPart, messageText } from '../../spec/openai-chat-request';
import type { CohereContentPart, CohereMessage } from './cohere-api';

/** OpenAI messages to Cohere v2 messages: the roles map one to one. */
export function toCohereMessages(messages: readonly ChatMessage[]): CohereMessage[] {
  return messages.map(toCohereMessage);
}

function toCohereMessage(message: ChatMessage): CohereMessage {
  switch (message.role) {
    case 'system':
    case 'developer':
      return { role: 'system', content: messageText(message.content) };
    case 'user':
      return {
        role: 'user',
        content:
          typeof message.content === 'string'
            ? message.content
            : message.content.map(toCohereContentPart),
      };
    case 'assistant':
      return toCohereAssistantMessage(message);
    case 'tool':
      return {
        role: 'tool',
        tool_call_id: message.tool_call_id,
        content: messageText(message.content),
      };
  }
}

function toCohereAssistantMessage(
  message: Extract<ChatMessage, { role: 'assistant' }>,
): CohereMessage {
  const text = messageText(message.content);
  const toolCalls = message.tool_calls ?? [];
  if (toolCalls.length === 0) return { role: 'assistant', content: text };
  return {
    role: 'assistant',
    // Cohere rejects an empty content string next to tool_calls, so it is left out.
    ...(text !== '' && { content: text }),
    tool_calls: toolCalls.map((call) => ({
      id: call.id,
      type: 'function',
      function: { name: call.function.name, arguments: call.function.arguments },
    })),
  };
}

function toCohereContentPart(part: ContentPart): CohereContentPart {
  if (part.type === 'text') return { type: 'text', text: part.text };
  if (part.type === 'image_url') {
    const { url, detail } = part.image_url;
    return { type: 'image_url', image_url: detail ? { url, detail } : { url } };
  }
  throw new AdapterError('unsupported', `Cohere does not accept ${part.type} content parts`, {
    param: 'messages',
  });
}
