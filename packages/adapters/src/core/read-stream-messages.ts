import { createParser } from 'eventsource-parser';
import { AdapterError } from '../spec/adapter-error';
import type { RawStreamMessage, StreamFraming } from '../spec/provider-adapter';

/**
 * Turns an upstream body into framed messages, however the bytes were split in transit.
 * SSE goes through eventsource-parser (comments such as `: keep-alive` are dropped there);
 * NDJSON is split on newlines. AWS event-stream framing is registered by the Bedrock
 * provider through `registerFraming`, so this module needs no AWS code.
 */
export async function* readStreamMessages(
  body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
  framing: StreamFraming,
): AsyncGenerator<RawStreamMessage> {
  const reader = FRAMINGS[framing];
  if (!reader) throw new AdapterError('unsupported', `No reader for ${framing} streams`);
  yield* reader(body);
}

export type FramingReader = (
  body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
) => AsyncGenerator<RawStreamMessage>;

const FRAMINGS: Partial<Record<StreamFraming, FramingReader>> = {
  sse: readServerSentEvents,
  ndjson: readNdjson,
};

/** Lets a provider add the reader for its framing (Bedrock: aws-eventstream). */
export function registerFraming(framing: StreamFraming, reader: FramingReader): void {
  FRAMINGS[framing] = reader;
}

async function* readServerSentEvents(
  body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
): AsyncGenerator<RawStreamMessage> {
  const pending: RawStreamMessage[] = [];
  const parser = createParser({
    onEvent: (event) => {
      pending.push(event.event ? { event: event.event, data: event.data } : { data: event.data });
    },
  });
  const decoder = new TextDecoder();
  for await (const bytes of body as AsyncIterable<Uint8Array>) {
    parser.feed(decoder.decode(bytes, { stream: true }));
    while (pending.length > 0) yield pending.shift()!;
  }
  parser.feed(`${decoder.decode()}\n\n`);
  while (pending.length > 0) yield pending.shift()!;
}

async function* readNdjson(
  body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
): AsyncGenerator<RawStreamMessage> {
  const decoder = new TextDecoder();
  // The start of a line still waiting for its newline, as read. Joined only when the line
  // ends: appending to one string and searching it again on every read made one long line
  // quadratic in its number of reads.
  const unfinished: string[] = [];
  for await (const bytes of body as AsyncIterable<Uint8Array>) {
    const chunk = decoder.decode(bytes, { stream: true });
    let start = 0;
    let newline = chunk.indexOf('\n');
    while (newline !== -1) {
      unfinished.push(chunk.slice(start, newline));
      const line = unfinished.join('').trim();
      unfinished.length = 0;
      if (line !== '') yield { data: line };
      start = newline + 1;
      newline = chunk.indexOf('\n', start);
    }
    if (start < chunk.length) unfinished.push(chunk.slice(start));
  }
  const rest = (unfinished.join('') + decoder.decode()).trim();
  if (rest !== '') yield { data: rest };
}
