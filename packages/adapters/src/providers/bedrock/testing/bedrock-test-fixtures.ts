// Test helpers for the Bedrock suites; not exported from the package.
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import type { RawStreamMessage } from '../../../spec/provider-adapter';
import type { StreamEvent } from '../../../spec/stream-event';
import type { Usage } from '../../../spec/usage';
import { loadChunksJsonl } from '../../../testing/fixtures';
import { createBedrockStreamDecoder } from '../bedrock-stream-decoder';

export const fixtureUrl = (name: string) => new URL(`../__fixtures__/${name}`, import.meta.url);

/**
 * A `.chunks.jsonl` capture as real frames deliver it: each line `{"messageStop":{...}}`
 * becomes `{event: 'messageStop', data: '{...}'}` (the `:event-type` header and the payload).
 */
export function loadFrameMessages(name: string): RawStreamMessage[] {
  return loadChunksJsonl(fixtureUrl(name)).map(({ data }) => {
    const [[event, payload]] = Object.entries(JSON.parse(data) as Record<string, unknown>) as [
      [string, unknown],
    ];
    return { event, data: JSON.stringify(payload) };
  });
}

const codec = new EventStreamCodec(toUtf8, fromUtf8);
const header = (value: string) => ({ type: 'string' as const, value });

/** One binary event-stream frame, as Bedrock sends it. */
export function encodeFrame(message: RawStreamMessage): Uint8Array {
  return codec.encode({
    headers: {
      ':event-type': header(message.event ?? ''),
      ':message-type': header('event'),
      ':content-type': header('application/json'),
    },
    body: fromUtf8(message.data),
  });
}

export function encodeExceptionFrame(exceptionType: string, payload: string): Uint8Array {
  return codec.encode({
    headers: {
      ':exception-type': header(exceptionType),
      ':message-type': header('exception'),
      ':content-type': header('application/json'),
    },
    body: fromUtf8(payload),
  });
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const joined = new Uint8Array(parts.reduce((total, part) => total + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.byteLength;
  }
  return joined;
}

/** Runs a fresh decoder over messages, `end()` included. */
export function decodeMessages(messages: Iterable<RawStreamMessage>): StreamEvent[] {
  const decoder = createBedrockStreamDecoder();
  return [...[...messages].flatMap((message) => decoder.decode(message)), ...decoder.end()];
}

export interface StreamSummary {
  text: string;
  reasoning: string;
  signatures: string[];
  toolCalls: Array<{ index: number; id: string; name: string; arguments: string }>;
  finish: string[];
  usage: Usage | undefined;
  errors: string[];
}

/** What a client would assemble from the events. */
export function summarize(events: readonly StreamEvent[]): StreamSummary {
  const summary: StreamSummary = {
    text: '',
    reasoning: '',
    signatures: [],
    toolCalls: [],
    finish: [],
    usage: undefined,
    errors: [],
  };
  for (const event of events) {
    if (event.type === 'text-delta') summary.text += event.text;
    if (event.type === 'reasoning-delta') summary.reasoning += event.text;
    if (event.type === 'reasoning-signature') summary.signatures.push(event.signature);
    if (event.type === 'tool-call-start') {
      summary.toolCalls.push({ index: event.index, id: event.id, name: event.name, arguments: '' });
    }
    if (event.type === 'tool-call-delta') {
      const call = summary.toolCalls.find((candidate) => candidate.index === event.index);
      if (!call) throw new Error(`delta for unknown tool call ${event.index}`);
      call.arguments += event.argumentsDelta;
    }
    if (event.type === 'finish') summary.finish.push(event.reason);
    if (event.type === 'usage') summary.usage = event.usage;
    if (event.type === 'error') summary.errors.push(`${event.error.code}: ${event.error.message}`);
  }
  return summary;
}
