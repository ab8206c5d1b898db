import type { ThinkingBlock } from './openai-chat-request';

/** The OpenAI `finish_reason` values the gateway emits. */
export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'function_call';

export interface ChatToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export interface ChatCompletionMessage {
  role: 'assistant';
  content: string | null;
  refusal?: string | null;
  tool_calls?: ChatToolCall[];
  /** Reasoning text, as DeepSeek and most OpenAI-compatible reasoners name it. */
  reasoning_content?: string;
  /** Anthropic's signed thinking, to be sent back with this turn (see ThinkingBlock). */
  thinking_blocks?: ThinkingBlock[];
}

export interface ChatCompletionChoice {
  index: number;
  message: ChatCompletionMessage;
  finish_reason: FinishReason | null;
  logprobs?: unknown;
}

export interface OpenAIUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: { cached_tokens?: number; image_tokens?: number };
  completion_tokens_details?: { reasoning_tokens?: number };
}

/** A non-stream Chat Completions response. */
export interface ChatCompletion {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: ChatCompletionChoice[];
  usage?: OpenAIUsage;
  system_fingerprint?: string | null;
}

export interface ChatCompletionChunkDelta {
  role?: 'assistant';
  content?: string | null;
  refusal?: string | null;
  reasoning_content?: string;
  tool_calls?: Array<{
    index: number;
    id?: string;
    type?: 'function';
    function?: { name?: string; arguments?: string };
  }>;
}

/** One streamed `chat.completion.chunk`. */
export interface ChatCompletionChunk {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  choices: Array<{
    index: number;
    delta: ChatCompletionChunkDelta;
    finish_reason: FinishReason | null;
    logprobs?: unknown;
  }>;
  usage?: OpenAIUsage | null;
}
