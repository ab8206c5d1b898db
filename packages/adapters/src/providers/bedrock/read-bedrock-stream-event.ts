import { asRecord, parseUpstreamJson } from '../../core/parse-json';
import { AdapterError } from '../../spec/adapter-error';
import type { RawStreamMessage } from '../../spec/provider-adapter';

export interface BedrockStreamEvent {
  /** `messageStart`, `contentBlockDelta`, ..., or an exception name such as `throttlingException`. */
  readonly name: string;
  /** The JSON payload; the raw text for an exception whose body is not JSON. */
  readonly payload: unknown;
}

export const isBedrockException = (name: string) => /exception$/i.test(name);

/**
 * Accepts a ConverseStream event in either of its two shapes:
 * - `{event: ':event-type' header, data: the frame's JSON payload}`, what `readAwsEventStream`
 *   yields from real `application/vnd.amazon.eventstream` bodies (exceptions included);
 * - `{data: '{"contentBlockDelta":{...}}'}`, the event wrapped in its name, as the AWS SDK's
 *   `ConverseStreamOutput` union and the recorded `.chunks.jsonl` captures hold it.
 */
export function readBedrockStreamEvent(message: RawStreamMessage): BedrockStreamEvent {
  if (message.event !== undefined) {
    if (isBedrockException(message.event)) {
      return { name: message.event, payload: parseExceptionPayload(message.data) };
    }
    return {
      name: message.event,
      payload: parseUpstreamJson(message.data, 'Bedrock stream event'),
    };
  }
  const envelope = asRecord(parseUpstreamJson(message.data, 'Bedrock stream event'));
  const names = Object.keys(envelope);
  if (names.length !== 1) {
    throw new AdapterError(
      'upstream_bad_response',
      'A Bedrock stream message has neither an event type nor a single-key event envelope',
    );
  }
  const name = names[0]!;
  return { name, payload: envelope[name] };
}

// An exception's body is normally `{"message": ...}`, but its text is worth keeping either way.
function parseExceptionPayload(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}
