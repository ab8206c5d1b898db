import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { AdapterError } from '../../spec/adapter-error';
import type { RawStreamMessage } from '../../spec/provider-adapter';
import { createFrameSplitter } from './split-aws-event-stream-frames';

type Frame = ReturnType<EventStreamCodec['decode']>;

const codec = new EventStreamCodec(toUtf8, fromUtf8);

/**
 * Reads an `application/vnd.amazon.eventstream` body into one message per frame:
 * - `:message-type: event` -> `{event: ':event-type', data: payload}`;
 * - `:message-type: exception` -> `{event: ':exception-type', data: payload}`, so the decoder
 *   sees e.g. `throttlingException` and turns it into an error event;
 * - `:message-type: error` (a protocol-level failure with `:error-code`/`:error-message`
 *   headers and no payload) -> an `internalServerException` carrying that code and message.
 * A corrupt frame (bad CRC, impossible length) or a body cut inside a frame throws
 * `upstream_bad_response`.
 */
export async function* readAwsEventStream(
  body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
): AsyncGenerator<RawStreamMessage> {
  const splitter = createFrameSplitter();
  for await (const bytes of body as AsyncIterable<Uint8Array>) {
    for (const frame of splitter.push(bytes)) {
      const message = toRawMessage(decodeFrame(frame));
      if (message) yield message;
    }
  }
  if (splitter.pendingBytes > 0) {
    throw new AdapterError(
      'upstream_bad_response',
      `The Bedrock event stream ended inside a frame (${splitter.pendingBytes} bytes left over)`,
    );
  }
}

function decodeFrame(bytes: Uint8Array): Frame {
  try {
    return codec.decode(bytes);
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw new AdapterError(
      'upstream_bad_response',
      `Malformed Bedrock event stream frame: ${detail}`,
      {
        cause,
      },
    );
  }
}

function toRawMessage(frame: Frame): RawStreamMessage | undefined {
  const header = (name: string) => {
    const value = frame.headers[name];
    return value?.type === 'string' ? value.value : undefined;
  };
  const data = toUtf8(frame.body);
  switch (header(':message-type')) {
    case 'event': {
      const event = header(':event-type');
      return event === undefined ? { data } : { event, data };
    }
    case 'exception':
      return { event: header(':exception-type') ?? 'unknownException', data };
    case 'error': {
      const message = `${header(':error-code') ?? 'error'}: ${header(':error-message') ?? 'no message'}`;
      return { event: 'internalServerException', data: JSON.stringify({ message }) };
    }
    default:
      return undefined; // a message type this reader does not know carries nothing for us
  }
}
