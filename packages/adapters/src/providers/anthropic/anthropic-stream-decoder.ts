import { asRecord, parseUpstreamJson } from '../../core/parse-json';
import { AdapterError } from '../../spec/adapter-error';
import type { RawStreamMessage, StreamDecoder } from '../../spec/provider-adapter';
import type { StreamEvent } from '../../spec/stream-event';
import { fromAnthropicUsage } from './anthropic-usage';
import { mapAnthropicStopReason } from './map-anthropic-stop-reason';
import { parseAnthropicErrorObject } from './parse-anthropic-error';

/**
 * Anthropic's event stream as normalized events. Content blocks are numbered across
 * text, thinking and tool use; tool calls get their own indices counted from 0.
 * message_delta's usage is cumulative and may restate input_tokens with a different
 * value than message_start: the later value wins. A stream is whole only once message_stop
 * came: one that closes cleanly before it (a proxy or the upstream cutting the connection
 * between events) ends with an error, so the caller is told and billed as for any cut.
 */
export function createAnthropicStreamDecoder(): StreamDecoder {
  let started = false;
  let stopped = false;
  let failed = false;
  let usage: Record<string, unknown> = {};
  const toolIndexByBlock = new Map<number, number>();

  function decodeEvent(event: Record<string, unknown>): StreamEvent[] {
    switch (event.type) {
      case 'message_start': {
        // A repeated message_start (seen in captures) restarts nothing.
        if (started) return [];
        started = true;
        const message = asRecord(event.message);
        usage = { ...asRecord(message.usage) };
        return [
          {
            type: 'start',
            ...(typeof message.id === 'string' && { id: message.id }),
            ...(typeof message.model === 'string' && { model: message.model }),
          },
        ];
      }
      case 'content_block_start': {
        const block = asRecord(event.content_block);
        const blockIndex = Number(event.index);
        if (block.type === 'tool_use') {
          const index = toolIndexByBlock.size;
          toolIndexByBlock.set(blockIndex, index);
          return [
            {
              type: 'tool-call-start',
              choice: 0,
              index,
              id: String(block.id),
              name: String(block.name),
            },
          ];
        }
        // A redacted block arrives whole here, with no deltas (QUIRKS.md).
        if (block.type === 'redacted_thinking' && typeof block.data === 'string')
          return [{ type: 'reasoning-redacted', choice: 0, data: block.data }];
        if (block.type === 'text' && typeof block.text === 'string' && block.text !== '') {
          return [{ type: 'text-delta', choice: 0, text: block.text }];
        }
        return [];
      }
      case 'content_block_delta':
        return decodeDelta(Number(event.index), asRecord(event.delta));
      case 'message_delta': {
        usage = { ...usage, ...asRecord(event.usage) };
        const reason = mapAnthropicStopReason(asRecord(event.delta).stop_reason as string | null);
        const events: StreamEvent[] = [{ type: 'usage', usage: fromAnthropicUsage(usage) }];
        if (reason) events.unshift({ type: 'finish', choice: 0, reason });
        return events;
      }
      case 'error':
        failed = true;
        return [{ type: 'error', error: parseAnthropicErrorObject(event, 500) }];
      case 'message_stop':
        stopped = true;
        return [];
      default:
        // ping and content_block_stop carry nothing to translate.
        return [];
    }
  }

  function decodeDelta(blockIndex: number, delta: Record<string, unknown>): StreamEvent[] {
    switch (delta.type) {
      case 'text_delta':
        return [{ type: 'text-delta', choice: 0, text: String(delta.text ?? '') }];
      case 'thinking_delta':
        return [{ type: 'reasoning-delta', choice: 0, text: String(delta.thinking ?? '') }];
      case 'signature_delta':
        return [
          { type: 'reasoning-signature', choice: 0, signature: String(delta.signature ?? '') },
        ];
      case 'input_json_delta': {
        const index = toolIndexByBlock.get(blockIndex);
        const fragment = String(delta.partial_json ?? '');
        if (index === undefined || fragment === '') return [];
        return [{ type: 'tool-call-delta', choice: 0, index, argumentsDelta: fragment }];
      }
      default:
        return [];
    }
  }

  return {
    decode(message: RawStreamMessage) {
      return decodeEvent(asRecord(parseUpstreamJson(message.data, 'stream event')));
    },
    end(): StreamEvent[] {
      if (stopped || failed) return [];
      return [
        {
          type: 'error',
          error: new AdapterError(
            'upstream_stream_interrupted',
            'The upstream closed the stream before message_stop',
          ),
        },
      ];
    },
  };
}
