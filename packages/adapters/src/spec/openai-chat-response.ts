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
  prompt_tokens_details?: {
    /** Of `prompt_tokens`, read from the prompt cache. */
    cached_tokens?: number;
    /** Of `prompt_tokens`, image tokens (xAI and other vendors count them apart). */
    image_tokens?: number;
    /**
     * Of `prompt_tokens`, written to the prompt cache (Anthropic's cache_creation_input_tokens),
     * under the name OpenRouter and OpenAI's Responses API give it.
     */
    cache_write_tokens?: number;
    /**
     * `cache_write_tokens` by lifetime, under LiteLLM's name for Anthropic's `cache_creation`
     * (its keys Anthropic's): one-hour writes are priced higher, so a buffered answer bills
     * them as its stream does. Present when the upstream reported the split.
     */
    cache_creation_token_details?: {
      /** Written with the 5-minute lifetime. */
      ephemeral_5m_input_tokens: number;
      /** Written with the 1-hour lifetime (`cache_control.ttl: "1h"`). */
      ephemeral_1h_input_tokens: number;
    };
  };
  /** `reasoning_tokens`: of `completion_tokens`, reasoning. */
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
  /**
   * Signed thinking blocks, each whole in the delta that closes it (LiteLLM's streamed field);
   * together, the buffered answer's `thinking_blocks`.
   */
  thinking_blocks?: ThinkingBlock[];
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
