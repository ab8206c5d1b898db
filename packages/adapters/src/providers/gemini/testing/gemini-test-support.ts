import type { RawStreamMessage, StreamDecoder } from '../../../spec/provider-adapter';
import type { StreamEvent } from '../../../spec/stream-event';
import { readFixture } from '../../../testing/fixtures';

/*
 * Test support shared by the Gemini and Vertex tests (not exported from the package):
 * reading js-genai replay recordings and summarizing decoded stream events.
 */

export interface RecordedInteraction {
  readonly request: { readonly url: string; readonly bodySegments: unknown[] };
  readonly response: {
    readonly statusCode: number;
    readonly headers: Record<string, string>;
    readonly bodySegments: unknown[];
  };
}

export function readRecording(url: URL): RecordedInteraction[] {
  return (JSON.parse(readFixture(url)) as { interactions: RecordedInteraction[] }).interactions;
}

/** The recorded request body as the adapter should send it. */
export function recordedRequestBody(interaction: RecordedInteraction): Record<string, unknown> {
  const body = structuredClone(interaction.request.bodySegments[0]) as Record<string, unknown>;
  // The SDK always sends `generationConfig: {}`; the adapter sends only what the caller set.
  if (JSON.stringify(body.generationConfig) === '{}') delete body.generationConfig;
  // The SDK labels systemInstruction with role "user"; the API ignores a role there.
  const system = body.systemInstruction as Record<string, unknown> | undefined;
  if (system) delete system.role;
  return body;
}

/** Each recorded response segment is one SSE `data:` payload. */
export function recordedStreamMessages(interaction: RecordedInteraction): RawStreamMessage[] {
  return interaction.response.bodySegments.map((segment) => ({ data: JSON.stringify(segment) }));
}

export function decodeAll(decoder: StreamDecoder, messages: Iterable<RawStreamMessage>) {
  const events: StreamEvent[] = [];
  for (const message of messages) events.push(...decoder.decode(message));
  events.push(...decoder.end());
  return events;
}

export interface StreamSummary {
  text: string;
  reasoning: string;
  toolCalls: Array<{ index: number; id: string; name: string; arguments: string }>;
  finishes: Array<Extract<StreamEvent, { type: 'finish' }>>;
  lastUsage: Extract<StreamEvent, { type: 'usage' }>['usage'] | undefined;
  starts: number;
  errors: Array<Extract<StreamEvent, { type: 'error' }>>;
}

/** What a client would assemble from the events of choice 0. */
export function summarize(events: readonly StreamEvent[]): StreamSummary {
  const summary: StreamSummary = {
    text: '',
    reasoning: '',
    toolCalls: [],
    finishes: [],
    lastUsage: undefined,
    starts: 0,
    errors: [],
  };
  for (const event of events) {
    if (event.type === 'start') summary.starts++;
    else if (event.type === 'text-delta') summary.text += event.text;
    else if (event.type === 'reasoning-delta') summary.reasoning += event.text;
    else if (event.type === 'tool-call-start') {
      summary.toolCalls.push({ index: event.index, id: event.id, name: event.name, arguments: '' });
    } else if (event.type === 'tool-call-delta') {
      const call = summary.toolCalls.find((candidate) => candidate.index === event.index);
      if (!call) throw new Error(`delta for unknown tool call ${event.index}`);
      call.arguments += event.argumentsDelta;
    } else if (event.type === 'finish') summary.finishes.push(event);
    else if (event.type === 'usage') summary.lastUsage = event.usage;
    else if (event.type === 'error') summary.errors.push(event);
  }
  return summary;
}
