import { randomBytes } from 'node:crypto';
import { toAnthropicStopReason } from '../providers/anthropic/map-anthropic-stop-reason';
import type { AdapterError } from '../spec/adapter-error';
import type { FinishReason } from '../spec/openai-chat-response';
import type { StreamEvent } from '../spec/stream-event';
import type { Usage } from '../spec/usage';
import { toAnthropicError } from './anthropic-error';
import { toAnthropicUsage, toMessageId } from './to-anthropic-message';

export interface AnthropicEventEncoderOptions {
  /** The model name the caller asked for. */
  readonly model: string;
  /** Input tokens to announce in message_start before the provider reports them. */
  readonly estimatedInputTokens?: number;
}

export interface AnthropicEventEncoder {
  encode(event: StreamEvent): string[];
  end(): string[];
  readonly usage: Usage | undefined;
  readonly error: AdapterError | undefined;
}

type OpenBlock = { kind: 'text' | 'thinking' | 'tool'; index: number; toolIndex?: number };

/**
 * The one writer of Anthropic stream events: message_start, then content blocks opened
 * and closed as the kind of content changes (thinking, text, tool_use), then message_delta
 * with the stop reason and cumulative usage, then message_stop. Only choice 0 is sent,
 * since Anthropic has no `n`.
 */
export function createAnthropicEventEncoder(
  options: AnthropicEventEncoderOptions,
): AnthropicEventEncoder {
  let messageId = `msg_${randomBytes(12).toString('base64url')}`;
  let started = false;
  let nextBlock = 0;
  let open: OpenBlock | undefined;
  const toolBlocks = new Map<number, number>();
  let stopReason: FinishReason | null = null;
  let usage: Usage | undefined;
  let error: AdapterError | undefined;

  const frame = (type: string, payload: object) =>
    `event: ${type}\ndata: ${JSON.stringify({ type, ...payload })}\n\n`;

  function start(): string[] {
    if (started) return [];
    started = true;
    return [
      frame('message_start', {
        message: {
          id: messageId,
          type: 'message',
          role: 'assistant',
          model: options.model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: options.estimatedInputTokens ?? 0, output_tokens: 0 },
        },
      }),
    ];
  }

  function close(): string[] {
    if (!open) return [];
    const closing = frame('content_block_stop', { index: open.index });
    open = undefined;
    return [closing];
  }

  function openBlock(kind: OpenBlock['kind'], contentBlock: object, toolIndex?: number): string[] {
    const frames = close();
    open = { kind, index: nextBlock++, ...(toolIndex !== undefined && { toolIndex }) };
    if (toolIndex !== undefined) toolBlocks.set(toolIndex, open.index);
    frames.push(frame('content_block_start', { index: open.index, content_block: contentBlock }));
    return frames;
  }

  function ensure(kind: 'text' | 'thinking'): string[] {
    if (open?.kind === kind) return [];
    return kind === 'text'
      ? openBlock('text', { type: 'text', text: '' })
      : openBlock('thinking', { type: 'thinking', thinking: '', signature: '' });
  }

  function delta(index: number, payload: object) {
    return frame('content_block_delta', { index, delta: payload });
  }

  return {
    get usage() {
      return usage;
    },
    get error() {
      return error;
    },
    encode(event) {
      if (error) return [];
      if (event.type === 'start' && event.id) messageId = toMessageId(event.id);
      const frames = start();
      if ('choice' in event && event.choice !== 0) return frames;
      switch (event.type) {
        case 'text-delta':
        case 'refusal-delta':
          frames.push(
            ...ensure('text'),
            delta(open!.index, { type: 'text_delta', text: event.text }),
          );
          break;
        case 'reasoning-delta':
          frames.push(
            ...ensure('thinking'),
            delta(open!.index, { type: 'thinking_delta', thinking: event.text }),
          );
          break;
        case 'reasoning-signature':
          if (open?.kind === 'thinking') {
            frames.push(delta(open.index, { type: 'signature_delta', signature: event.signature }));
          }
          break;
        case 'reasoning-redacted':
          // Only Anthropic-format upstreams send these, and they are passed through to
          // Anthropic clients, never re-encoded.
          break;
        case 'tool-call-start':
          frames.push(
            ...openBlock(
              'tool',
              { type: 'tool_use', id: event.id, name: event.name, input: {} },
              event.index,
            ),
          );
          break;
        case 'tool-call-delta': {
          // Calls arrive one after another; a late fragment still goes to its own block.
          const index = toolBlocks.get(event.index);
          if (index !== undefined) {
            frames.push(
              delta(index, { type: 'input_json_delta', partial_json: event.argumentsDelta }),
            );
          }
          break;
        }
        case 'finish':
          stopReason = event.reason;
          break;
        case 'usage':
          usage = event.usage;
          break;
        case 'error':
          error = event.error;
          frames.push(frame('error', toAnthropicError(event.error)));
          break;
        case 'start':
          break;
      }
      return frames;
    },
    end() {
      if (error) return [];
      return [
        ...start(),
        ...close(),
        frame('message_delta', {
          delta: { stop_reason: toAnthropicStopReason(stopReason), stop_sequence: null },
          usage: toAnthropicUsage(usage),
        }),
        frame('message_stop', {}),
      ];
    },
  };
}
