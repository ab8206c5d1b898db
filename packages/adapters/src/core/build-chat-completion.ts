import { randomBytes } from 'node:crypto';
import type { ThinkingBlock } from '../spec/openai-chat-request';
import type { ChatCompletion, ChatToolCall, FinishReason } from '../spec/openai-chat-response';
import { toOpenAIUsage, type Usage } from '../spec/usage';

export interface CompletionParts {
  readonly id?: string;
  readonly model: string;
  /** Unix seconds; now when absent. */
  readonly created?: number;
  readonly text: string | null;
  readonly reasoning?: string;
  readonly thinkingBlocks?: ThinkingBlock[];
  readonly refusal?: string | null;
  readonly toolCalls?: ChatToolCall[];
  readonly finishReason: FinishReason | null;
  readonly usage?: Usage;
}

export function createCompletionId(): string {
  return `chatcmpl-${randomBytes(12).toString('base64url')}`;
}

/** Assembles a one-choice OpenAI `chat.completion` from what a native response held. */
export function buildChatCompletion(parts: CompletionParts): ChatCompletion {
  return {
    id: parts.id ?? createCompletionId(),
    object: 'chat.completion',
    created: parts.created ?? Math.floor(Date.now() / 1000),
    model: parts.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: parts.text,
          ...(parts.refusal ? { refusal: parts.refusal } : {}),
          ...(parts.reasoning ? { reasoning_content: parts.reasoning } : {}),
          ...(parts.thinkingBlocks?.length ? { thinking_blocks: parts.thinkingBlocks } : {}),
          ...(parts.toolCalls && parts.toolCalls.length > 0 ? { tool_calls: parts.toolCalls } : {}),
        },
        finish_reason: parts.finishReason,
      },
    ],
    ...(parts.usage ? { usage: toOpenAIUsage(parts.usage) } : {}),
  };
}
