import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';

const codec = new EventStreamCodec(toUtf8, fromUtf8);
const stringHeader = (value: string) => ({ type: 'string' as const, value });

/**
 * Events as Bedrock streams them (`application/vnd.amazon.eventstream`): one binary frame
 * each, named by its `:event-type` header, its payload JSON (QUIRKS.md).
 */
export function encodeEventStream(events: ReadonlyArray<{ event: string; data: unknown }>): Buffer {
  return Buffer.concat(
    events.map(({ event, data }) =>
      codec.encode({
        headers: {
          ':event-type': stringHeader(event),
          ':message-type': stringHeader('event'),
          ':content-type': stringHeader('application/json'),
        },
        body: fromUtf8(JSON.stringify(data)),
      }),
    ),
  );
}
