import { parseUpstreamJson } from '../../core/parse-json';
import { AdapterError } from '../../spec/adapter-error';
import type { ChatRequest } from '../../spec/openai-chat-request';
import type { RawStreamMessage, StreamDecoder } from '../../spec/provider-adapter';
import type { StreamEvent } from '../../spec/stream-event';
import {
  COHERE_HANDLED_EVENTS,
  type CohereStreamEvent,
  cohereStreamEventSchema,
} from './cohere-api';
import { mapCohereStopReason } from './map-cohere-stop-reason';
import { readCohereUsage } from './read-cohere-usage';

/**
 * Decodes Cohere v2 SSE events. Cohere names each event in the payload's `type`.
 * tool-plan-delta becomes reasoning, as in the non-stream mapper. Tool calls are emitted as
 * they arrive, so end() has nothing pending and invents no finish for a cut stream.
 */
export function createCohereStreamDecoder(request: ChatRequest): StreamDecoder {
  let started = false;
  // Cohere's own index counts content blocks too; ours counts tool calls from 0.
  const toolIndexes = new Map<number, number>();

  const start = (id?: string): StreamEvent[] => {
    if (started) return [];
    started = true;
    return [{ type: 'start', model: request.model, ...(id && { id }) }];
  };

  const translate = (event: CohereStreamEvent): StreamEvent[] => {
    switch (event.type) {
      case 'message-start':
        return start(event.id);
      case 'content-start':
      case 'content-delta': {
        const { text, thinking } = event.delta.message.content;
        if (thinking) return [...start(), { type: 'reasoning-delta', choice: 0, text: thinking }];
        if (text) return [...start(), { type: 'text-delta', choice: 0, text }];
        return start();
      }
      case 'tool-plan-delta': {
        const text = event.delta.message.tool_plan;
        return text ? [...start(), { type: 'reasoning-delta', choice: 0, text }] : start();
      }
      case 'tool-call-start': {
        const call = event.delta.message.tool_calls;
        const index = toolIndexes.size;
        toolIndexes.set(event.index, index);
        const events: StreamEvent[] = [
          ...start(),
          { type: 'tool-call-start', choice: 0, index, id: call.id, name: call.function.name },
        ];
        const args = call.function.arguments;
        if (args) events.push({ type: 'tool-call-delta', choice: 0, index, argumentsDelta: args });
        return events;
      }
      case 'tool-call-delta': {
        const index = toolIndexes.get(event.index);
        const args = event.delta.message.tool_calls.function.arguments;
        if (index === undefined || !args) return [];
        return [{ type: 'tool-call-delta', choice: 0, index, argumentsDelta: args }];
      }
      case 'message-end':
        return [...start(), ...finish(event.delta)];
    }
  };

  return {
    decode(message: RawStreamMessage): StreamEvent[] {
      let payload: unknown;
      try {
        payload = parseUpstreamJson(message.data, 'Cohere stream event');
      } catch (error) {
        return [{ type: 'error', error: error as AdapterError }];
      }
      const type = (payload as { type?: unknown } | null)?.type ?? message.event;
      if (typeof type !== 'string' || !COHERE_HANDLED_EVENTS.has(type)) return [];
      const parsed = cohereStreamEventSchema.safeParse(payload);
      if (!parsed.success) {
        const error = new AdapterError('upstream_bad_response', `Unexpected Cohere ${type} event`, {
          cause: parsed.error,
        });
        return [{ type: 'error', error }];
      }
      return translate(parsed.data);
    },
    end: () => [],
  };
}

function finish(
  delta: Extract<CohereStreamEvent, { type: 'message-end' }>['delta'],
): StreamEvent[] {
  const events: StreamEvent[] = [];
  const usage = readCohereUsage(delta.usage);
  const outcome = mapCohereStopReason(delta.finish_reason ?? 'COMPLETE');
  if (outcome === 'error') {
    const reason = delta.error ?? `finish_reason ${delta.finish_reason}`;
    const error = new AdapterError('upstream_server_error', `Cohere stream failed: ${reason}`);
    if (usage) events.push({ type: 'usage', usage });
    events.push({ type: 'error', error });
    return events;
  }
  events.push({ type: 'finish', choice: 0, reason: outcome });
  if (usage) events.push({ type: 'usage', usage });
  return events;
}
