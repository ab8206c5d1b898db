import { createToolCallId } from '../../core/tool-call-ids';
import type { StreamEvent } from '../../spec/stream-event';
import type { GeminiFunctionCall } from './gemini-api';
import {
  applyPartialArgs,
  createPartialArgsState,
  type PartialArgsState,
} from './gemini-partial-args';
import { encodeToolCallId } from './gemini-thought-signature';

export interface StreamToolCalls {
  /** Events for one functionCall part. */
  accept(call: GeminiFunctionCall, thoughtSignature?: string): StreamEvent[];
  /** Closes a call whose fragments stopped without a closing part. */
  flush(): StreamEvent[];
  /** How many calls were started. */
  count(): number;
}

/**
 * Tool calls of one choice. Gemini sends a call whole in one part, so it becomes a
 * tool-call-start plus a single tool-call-delta carrying the full arguments JSON. With
 * Vertex's streamed arguments the call opens with `willContinue` and its arguments come in
 * later parts; the delta is then sent when a part without `willContinue` closes it.
 */
export function createStreamToolCalls(choice: number): StreamToolCalls {
  let started = 0;
  let open: { index: number; partial: PartialArgsState } | undefined;

  const argumentsDelta = (index: number, args: unknown): StreamEvent => ({
    type: 'tool-call-delta',
    choice,
    index,
    argumentsDelta: JSON.stringify(args ?? {}),
  });

  const closeOpen = (): StreamEvent[] => {
    if (!open) return [];
    const event = argumentsDelta(open.index, open.partial.args);
    open = undefined;
    return [event];
  };

  return {
    accept(call, thoughtSignature) {
      if (open) {
        applyPartialArgs(open.partial, call.partialArgs ?? []);
        return call.willContinue ? [] : closeOpen();
      }
      if (!call.name) return [];
      const index = started++;
      const events: StreamEvent[] = [
        {
          type: 'tool-call-start',
          choice,
          index,
          id: encodeToolCallId(call.id ?? createToolCallId(), thoughtSignature),
          name: call.name,
        },
      ];
      if (call.willContinue) {
        open = { index, partial: createPartialArgsState() };
        applyPartialArgs(open.partial, call.partialArgs ?? []);
        return events;
      }
      return [...events, argumentsDelta(index, call.args)];
    },
    flush: closeOpen,
    count: () => started,
  };
}
