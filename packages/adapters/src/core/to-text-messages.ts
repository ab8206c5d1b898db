import { AdapterError } from '../spec/adapter-error';
import { type ChatMessage, messageText } from '../spec/openai-chat-request';

/** An OpenAI message reduced to text, as text-only OpenAI-like APIs take it. */
export type TextMessage =
  | { role: 'system' | 'user'; content: string }
  | {
      role: 'assistant';
      content: string;
      tool_calls?: Array<{
        id: string;
        type: 'function';
        function: { name: string; arguments: string };
      }>;
    }
  | { role: 'tool'; content: string; tool_call_id: string };

/**
 * For providers whose chat endpoint takes OpenAI-like messages but text only (DashScope's
 * text generation, Workers AI): developer becomes system, parts are joined, tool calls and
 * results keep their ids. Images and audio are refused, naming the provider.
 */
export function toTextMessages(messages: readonly ChatMessage[], provider: string): TextMessage[] {
  return messages.map((message) => toTextMessage(message, provider));
}

function toTextMessage(message: ChatMessage, provider: string): TextMessage {
  switch (message.role) {
    case 'system':
    case 'developer':
      return { role: 'system', content: messageText(message.content) };
    case 'user':
      if (Array.isArray(message.content) && message.content.some((part) => part.type !== 'text')) {
        throw new AdapterError('unsupported', `${provider} accepts text only on this endpoint`, {
          param: 'messages',
        });
      }
      return { role: 'user', content: messageText(message.content) };
    case 'assistant': {
      const content = messageText(message.content);
      const calls = message.tool_calls ?? [];
      if (calls.length === 0) return { role: 'assistant', content };
      return {
        role: 'assistant',
        content,
        tool_calls: calls.map((call) => ({
          id: call.id,
          type: 'function' as const,
          function: { name: call.function.name, arguments: call.function.arguments },
        })),
      };
    }
    case 'tool':
      return {
        role: 'tool',
        content: messageText(message.content),
        tool_call_id: message.tool_call_id,
      };
  }
}
