import { AdapterError } from '../../spec/adapter-error';
import type { RawStreamMessage, StreamDecoder } from '../../spec/provider-adapter';
import type { StreamEvent } from '../../spec/stream-event';
import { bedrockStreamPayloadSchemas } from './bedrock-api';
import { fromBedrockUsage } from './bedrock-usage';
import { mapBedrockStopReason } from './map-bedrock-stop-reason';
import { bedrockStreamException } from './parse-bedrock-error';
import {
  type BedrockStreamEvent,
  isBedrockException,
  readBedrockStreamEvent,
} from './read-bedrock-stream-event';

type Payloads = typeof bedrockStreamPayloadSchemas;
type Handlers = {
  [Name in keyof Payloads]: (payload: ReturnType<Payloads[Name]['parse']>) => StreamEvent[];
};

/**
 * Decodes ConverseStream events (see `readBedrockStreamEvent` for the two accepted message
 * shapes). Bedrock quirks handled here, all seen in captures:
 * - `metadata{usage}` usually comes after `messageStop`, but may precede it;
 * - `contentBlockStart` is sent only for tool-use blocks, and not every stream has `messageStart`;
 * - a tool call without arguments streams one `input: ""` delta, so `{}` is emitted at its
 *   `contentBlockStop` to keep the assembled arguments valid JSON, as OpenAI sends them;
 * - failures arrive as exception frames (`throttlingException`, ...) and end the stream.
 */
export function createBedrockStreamDecoder(): StreamDecoder {
  // contentBlockIndex -> our tool-call index, counting from 0 in order of appearance.
  const toolIndexes = new Map<number, number>();
  const toolsWithArguments = new Set<number>();
  let finished = false;
  let failed = false;

  const handlers: Handlers = {
    messageStart: () => [{ type: 'start' }],
    contentBlockStart: ({ contentBlockIndex, start }) => {
      if (!start?.toolUse) return [];
      const index = toolIndexes.size;
      toolIndexes.set(contentBlockIndex, index);
      const { toolUseId: id, name } = start.toolUse;
      return [{ type: 'tool-call-start', choice: 0, index, id, name }];
    },
    contentBlockDelta: ({ contentBlockIndex, delta }) => {
      const events: StreamEvent[] = [];
      if (delta.text) events.push({ type: 'text-delta', choice: 0, text: delta.text });
      const reasoning = delta.reasoningContent;
      if (reasoning?.text)
        events.push({ type: 'reasoning-delta', choice: 0, text: reasoning.text });
      if (reasoning?.signature) {
        events.push({ type: 'reasoning-signature', choice: 0, signature: reasoning.signature });
      }
      if (delta.toolUse?.input) {
        const index = toolIndexes.get(contentBlockIndex);
        if (index === undefined)
          throw badStream('a tool-use delta arrived before its contentBlockStart');
        toolsWithArguments.add(index);
        events.push({
          type: 'tool-call-delta',
          choice: 0,
          index,
          argumentsDelta: delta.toolUse.input,
        });
      }
      return events;
    },
    contentBlockStop: ({ contentBlockIndex }) => {
      const index = toolIndexes.get(contentBlockIndex);
      if (index === undefined || toolsWithArguments.has(index)) return [];
      toolsWithArguments.add(index);
      return [{ type: 'tool-call-delta', choice: 0, index, argumentsDelta: '{}' }];
    },
    messageStop: ({ stopReason }) => {
      finished = true;
      return [{ type: 'finish', choice: 0, reason: mapBedrockStopReason(stopReason) }];
    },
    metadata: ({ usage }) => (usage ? [{ type: 'usage', usage: fromBedrockUsage(usage) }] : []),
  };

  function decodeEvent({ name, payload }: BedrockStreamEvent): StreamEvent[] {
    if (isBedrockException(name)) {
      failed = true;
      return [{ type: 'error', error: bedrockStreamException(name, payload) }];
    }
    if (!Object.hasOwn(handlers, name)) return []; // an event this adapter does not use
    const key = name as keyof Payloads;
    const parsed = bedrockStreamPayloadSchemas[key].safeParse(payload);
    if (!parsed.success) throw badStream(`the ${name} event has an unexpected shape`, parsed.error);
    return (handlers[key] as (value: unknown) => StreamEvent[])(parsed.data);
  }

  return {
    decode(message: RawStreamMessage): StreamEvent[] {
      if (failed) return []; // nothing follows an error
      try {
        return decodeEvent(readBedrockStreamEvent(message));
      } catch (error) {
        if (!(error instanceof AdapterError)) throw error;
        failed = true;
        return [{ type: 'error', error }];
      }
    },
    end(): StreamEvent[] {
      if (finished || failed) return [];
      return [{ type: 'error', error: badStream('the stream ended before messageStop') }];
    },
  };
}

const badStream = (detail: string, cause?: unknown) =>
  new AdapterError('upstream_bad_response', `Malformed Bedrock stream: ${detail}`, { cause });
