import { asRecord, parseUpstreamJson } from '../../core/parse-json';
import { AdapterError } from '../../spec/adapter-error';
import type { FinishReason } from '../../spec/openai-chat-response';
import type { RawStreamMessage, StreamDecoder } from '../../spec/provider-adapter';
import type { StreamEvent } from '../../spec/stream-event';
import { readReasoningField, splitOpenAIContent } from './openai-content';
import { fromOpenAIUsage, type OpenAIUsageQuirks } from './openai-usage';
import { parseOpenAIErrorObject } from './parse-openai-error';

const FINISH_REASONS = new Set(['stop', 'length', 'tool_calls', 'content_filter', 'function_call']);

/**
 * Decodes `chat.completion.chunk` streams of OpenAI and every compatible vendor.
 * Vendor differences handled here, all seen in captures:
 * - chunks with `choices: []` (usage chunk, Azure's prompt-filter chunk with `id: ""`);
 * - tool-call deltas without `index` (Mistral sends each call whole) or with a repeated
 *   `id: ""` on continuations (DashScope);
 * - reasoning as `reasoning_content` or `reasoning`, or inside Magistral content arrays;
 * - an `error` object instead of choices mid-stream, or finish_reason "error" (OpenRouter).
 */
export function createOpenAIStreamDecoder(quirks: OpenAIUsageQuirks = {}): StreamDecoder {
  let started = false;
  // Per choice: upstream tool-call key (index or id) -> our stable index.
  const toolIndexes = new Map<number, Map<string, number>>();

  function toolIndexFor(
    choice: number,
    call: Record<string, unknown>,
  ): { index: number; isNew: boolean } {
    let indexes = toolIndexes.get(choice);
    if (!indexes) {
      indexes = new Map();
      toolIndexes.set(choice, indexes);
    }
    const id = typeof call.id === 'string' && call.id !== '' ? call.id : undefined;
    const key = typeof call.index === 'number' ? `i${call.index}` : id ? `d${id}` : undefined;
    // No index and no id: a continuation of the latest call.
    if (key === undefined)
      return { index: Math.max(indexes.size - 1, 0), isNew: indexes.size === 0 };
    const known = indexes.get(key);
    if (known !== undefined) return { index: known, isNew: false };
    indexes.set(key, indexes.size);
    return { index: indexes.size - 1, isNew: true };
  }

  function decodeChoice(raw: unknown, events: StreamEvent[]): void {
    const choice = asRecord(raw);
    const index = typeof choice.index === 'number' ? choice.index : 0;
    const delta = asRecord(choice.delta);
    const content = splitOpenAIContent(delta.content);
    const reasoning = readReasoningField(delta) + content.reasoning;
    if (reasoning) events.push({ type: 'reasoning-delta', choice: index, text: reasoning });
    if (content.text) events.push({ type: 'text-delta', choice: index, text: content.text });
    if (typeof delta.refusal === 'string' && delta.refusal) {
      events.push({ type: 'refusal-delta', choice: index, text: delta.refusal });
    }
    if (Array.isArray(delta.tool_calls)) {
      for (const rawCall of delta.tool_calls) {
        const call = asRecord(rawCall);
        const fn = asRecord(call.function);
        const { index: toolIndex, isNew } = toolIndexFor(index, call);
        if (isNew) {
          events.push({
            type: 'tool-call-start',
            choice: index,
            index: toolIndex,
            id: typeof call.id === 'string' && call.id ? call.id : `call_${index}_${toolIndex}`,
            name: typeof fn.name === 'string' ? fn.name : '',
          });
        }
        if (typeof fn.arguments === 'string' && fn.arguments !== '') {
          events.push({
            type: 'tool-call-delta',
            choice: index,
            index: toolIndex,
            argumentsDelta: fn.arguments,
          });
        }
      }
    }
    const finish = choice.finish_reason;
    if (finish === 'error') {
      events.push({
        type: 'error',
        error: new AdapterError(
          'upstream_server_error',
          'The upstream ended the stream with an error',
        ),
      });
    } else if (typeof finish === 'string' && FINISH_REASONS.has(finish)) {
      events.push({ type: 'finish', choice: index, reason: finish as FinishReason });
    }
  }

  return {
    decode(message: RawStreamMessage): StreamEvent[] {
      if (message.data === '[DONE]') return [];
      const chunk = asRecord(parseUpstreamJson(message.data, 'stream chunk'));
      const events: StreamEvent[] = [];
      if (chunk.error !== undefined) {
        return [{ type: 'error', error: parseOpenAIErrorObject(chunk.error, 500) }];
      }
      if (!started && typeof chunk.id === 'string' && chunk.id !== '') {
        started = true;
        events.push({
          type: 'start',
          id: chunk.id,
          ...(typeof chunk.model === 'string' && chunk.model && { model: chunk.model }),
          ...(typeof chunk.created === 'number' && { created: chunk.created }),
        });
      }
      if (Array.isArray(chunk.choices))
        for (const choice of chunk.choices) decodeChoice(choice, events);
      const usage =
        fromOpenAIUsage(chunk.usage, quirks) ??
        fromOpenAIUsage(asRecord(chunk.x_groq).usage, quirks);
      if (usage) events.push({ type: 'usage', usage });
      return events;
    },
    end: () => [],
  };
}
