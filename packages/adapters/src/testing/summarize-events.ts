import type { RawStreamMessage, StreamDecoder } from '../spec/provider-adapter';
import type { StreamEvent } from '../spec/stream-event';

/** Test helper: runs messages through a decoder, end() included. */
export function decodeAll(
  decoder: StreamDecoder,
  messages: Iterable<RawStreamMessage>,
): StreamEvent[] {
  const events: StreamEvent[] = [];
  for (const message of messages) events.push(...decoder.decode(message));
  events.push(...decoder.end());
  return events;
}

/** Test helper: what a client would assemble from the events. */
export function summarizeEvents(events: readonly StreamEvent[]) {
  const toolCalls: Array<{ index: number; id: string; name: string; arguments: string }> = [];
  let text = '';
  let reasoning = '';
  for (const event of events) {
    if (event.type === 'text-delta') text += event.text;
    if (event.type === 'reasoning-delta') reasoning += event.text;
    if (event.type === 'tool-call-start') {
      toolCalls.push({ index: event.index, id: event.id, name: event.name, arguments: '' });
    }
    if (event.type === 'tool-call-delta') {
      const call = toolCalls.find((candidate) => candidate.index === event.index);
      if (call) call.arguments += event.argumentsDelta;
    }
  }
  const finishes = events.filter((event) => event.type === 'finish');
  const usages = events.filter((event) => event.type === 'usage');
  return {
    starts: events.filter((event) => event.type === 'start').length,
    text,
    reasoning,
    toolCalls,
    finishes: finishes.map((event) => event.reason),
    usage: usages.at(-1)?.usage,
    errors: events.filter((event) => event.type === 'error').map((event) => event.error),
  };
}
