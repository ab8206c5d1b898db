import { fetchImage } from '../../core/fetch-image';
import { AdapterError } from '../../spec/adapter-error';
import { type ChatMessage, type ContentPart, messageText } from '../../spec/openai-chat-request';
import type { UpstreamTarget } from '../../spec/provider-adapter';
import type { OllamaMessage, OllamaToolCall } from './ollama-api';

type AssistantMessage = Extract<ChatMessage, { role: 'assistant' }>;

/** OpenAI messages to Ollama's; images are fetched and inlined as bare base64. */
export async function toOllamaMessages(
  messages: readonly ChatMessage[],
  target: UpstreamTarget,
): Promise<OllamaMessage[]> {
  const toolNames = collectToolNames(messages);
  return Promise.all(
    messages.map(async (message): Promise<OllamaMessage> => {
      switch (message.role) {
        case 'system':
        case 'developer':
          return { role: 'system', content: messageText(message.content) };
        case 'user':
          return toOllamaUserMessage(message.content, target);
        case 'assistant':
          return toOllamaAssistantMessage(message);
        case 'tool': {
          const name = toolNames.get(message.tool_call_id);
          const content = messageText(message.content);
          return name ? { role: 'tool', content, tool_name: name } : { role: 'tool', content };
        }
      }
    }),
  );
}

async function toOllamaUserMessage(
  content: string | ContentPart[],
  target: UpstreamTarget,
): Promise<OllamaMessage> {
  if (typeof content === 'string') return { role: 'user', content };
  const images: string[] = [];
  for (const part of content) {
    if (part.type === 'text') continue;
    if (part.type !== 'image_url') {
      throw new AdapterError('unsupported', `Ollama does not accept ${part.type} content parts`, {
        param: 'messages',
      });
    }
    // Never with the channel's allowPrivateNetwork: that is for the operator's base URL (a
    // local Ollama), and this URL is the caller's.
    const image = await fetchImage(part.image_url.url, target.fetch ? { fetch: target.fetch } : {});
    images.push(image.base64);
  }
  const text = messageText(content);
  return images.length > 0
    ? { role: 'user', content: text, images }
    : { role: 'user', content: text };
}

function toOllamaAssistantMessage(message: AssistantMessage): OllamaMessage {
  const content = messageText(message.content);
  const calls = message.tool_calls ?? [];
  if (calls.length === 0) return { role: 'assistant', content };
  return {
    role: 'assistant',
    content,
    tool_calls: calls.map(
      (call): OllamaToolCall => ({
        function: { name: call.function.name, arguments: parseArguments(call.function.arguments) },
      }),
    ),
  };
}

/** Ollama wants the arguments as an object, so the caller's JSON string must parse to one. */
function parseArguments(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      return value as Record<string, unknown>;
    }
  } catch {
    // fall through to the error below
  }
  throw new AdapterError('invalid_request', 'Tool call arguments must be a JSON object', {
    param: 'messages',
  });
}

/** tool_call_id -> function name, from the assistant turns that made the calls. */
function collectToolNames(messages: readonly ChatMessage[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const message of messages) {
    if (message.role !== 'assistant') continue;
    for (const call of message.tool_calls ?? []) names.set(call.id, call.function.name);
  }
  return names;
}
