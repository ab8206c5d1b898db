import type { AdapterError } from './adapter-error';
import type { FinishReason } from './openai-chat-response';
import type { Usage } from './usage';

/**
 * The one normalized stream-event union. Every provider's stream decoder emits these;
 * the OpenAI chunk encoder and the Anthropic event encoder consume them.
 * `choice` is the OpenAI choice index (0 unless n > 1).
 */
export type StreamEvent =
  /** Response metadata, when the provider sends it (usually first). */
  | { type: 'start'; id?: string; model?: string; created?: number }
  | { type: 'text-delta'; choice: number; text: string }
  | { type: 'reasoning-delta'; choice: number; text: string }
  /** Anthropic-style signature closing a reasoning block; kept for Anthropic clients. */
  | { type: 'reasoning-signature'; choice: number; signature: string }
  /** Anthropic's `redacted_thinking` block, whole: encrypted reasoning to send back as is. */
  | { type: 'reasoning-redacted'; choice: number; data: string }
  | { type: 'refusal-delta'; choice: number; text: string }
  /** A new tool call; `index` is stable and counts from 0 within the choice. */
  | { type: 'tool-call-start'; choice: number; index: number; id: string; name: string }
  | { type: 'tool-call-delta'; choice: number; index: number; argumentsDelta: string }
  | { type: 'finish'; choice: number; reason: FinishReason }
  /** Usage so far; a later one replaces an earlier one. */
  | { type: 'usage'; usage: Usage }
  /** The upstream failed after the stream began; nothing follows. */
  | { type: 'error'; error: AdapterError };

export type StreamEventType = StreamEvent['type'];
