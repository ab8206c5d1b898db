import { appendAll } from '../../core/append-all';
import { AdapterError } from '../../spec/adapter-error';
import { type ChatMessage, messageText } from '../../spec/openai-chat-request';
import type { BedrockContentBlock, BedrockMessage } from './bedrock-api';
import { type ImageOptions, toBedrockImage } from './to-bedrock-image';

type UserMessage = Extract<ChatMessage, { role: 'user' }>;
type AssistantMessage = Extract<ChatMessage, { role: 'assistant' }>;

export interface BedrockConversation {
  system: Array<{ text: string }>;
  messages: BedrockMessage[];
}

/**
 * Splits OpenAI messages into Converse `system` blocks and `messages`.
 * Tool results travel as `toolResult` blocks in a user turn, and consecutive turns of the
 * same role are merged, because Converse requires user and assistant turns to alternate.
 */
export async function toBedrockMessages(
  messages: readonly ChatMessage[],
  options: ImageOptions,
): Promise<BedrockConversation> {
  const conversation: BedrockConversation = { system: [], messages: [] };
  for (const message of messages) {
    if (message.role === 'system' || message.role === 'developer') {
      const text = messageText(message.content);
      // A blank text block is rejected by Converse and carries nothing.
      if (text !== '') conversation.system.push({ text });
      continue;
    }
    const turn = await toBedrockTurn(message, options);
    if (turn.content.length > 0) appendTurn(conversation.messages, turn);
  }
  return conversation;
}

async function toBedrockTurn(
  message: Exclude<ChatMessage, { role: 'system' | 'developer' }>,
  options: ImageOptions,
): Promise<BedrockMessage> {
  switch (message.role) {
    case 'user':
      return { role: 'user', content: await toUserContent(message, options) };
    case 'assistant':
      return { role: 'assistant', content: toAssistantContent(message) };
    case 'tool':
      return {
        role: 'user',
        content: [
          {
            toolResult: {
              toolUseId: message.tool_call_id,
              content: [{ text: messageText(message.content) }],
            },
          },
        ],
      };
  }
}

async function toUserContent(
  message: UserMessage,
  options: ImageOptions,
): Promise<BedrockContentBlock[]> {
  if (typeof message.content === 'string') return [{ text: message.content }];
  const blocks: BedrockContentBlock[] = [];
  for (const part of message.content) {
    if (part.type === 'text') blocks.push({ text: part.text });
    else if (part.type === 'image_url')
      blocks.push(await toBedrockImage(part.image_url.url, options));
    else {
      throw new AdapterError(
        'unsupported',
        `Bedrock Converse does not take ${part.type} content parts here`,
        {
          param: 'messages',
        },
      );
    }
  }
  return blocks;
}

function toAssistantContent(message: AssistantMessage): BedrockContentBlock[] {
  const text = messageText(message.content ?? '');
  // Clients send `content: ""` beside tool calls; Converse rejects blank text blocks.
  const blocks: BedrockContentBlock[] = text === '' ? [] : [{ text }];
  for (const call of message.tool_calls ?? []) {
    blocks.push({
      toolUse: {
        toolUseId: call.id,
        name: call.function.name,
        input: parseToolInput(call.function.arguments),
      },
    });
  }
  return blocks;
}

/** Converse wants tool input as a JSON object, where OpenAI keeps the arguments as text. */
function parseToolInput(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    input = undefined;
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new AdapterError(
      'invalid_request',
      'Tool call arguments must be a JSON object for Bedrock',
      {
        param: 'messages',
      },
    );
  }
  return input as Record<string, unknown>;
}

function appendTurn(turns: BedrockMessage[], turn: BedrockMessage): void {
  const previous = turns.at(-1);
  if (previous?.role === turn.role) appendAll(previous.content, turn.content);
  else turns.push(turn);
}
