import { decodeToolCallId } from '../providers/gemini/gemini-thought-signature';

interface PendingCall {
  readonly toolCallId: string;
  answered: boolean;
}

/**
 * Pairs Gemini functionResponses with the functionCalls before them: by the call's `id` when
 * the response names one, else the oldest unanswered call of the same name (how Gemini pairs
 * calls that carry no id). Every step is amortized O(1): a conversation of n calls is paired
 * in linear time, however many share a name.
 */
export function createCallPairing() {
  const byName = new Map<string, { calls: PendingCall[]; next: number }>();
  const byId = new Map<string, PendingCall>();

  return {
    /** Records a call the model made; `toolCallId` is its canonical id. */
    add(name: string, toolCallId: string): void {
      const call: PendingCall = { toolCallId, answered: false };
      const queue = byName.get(name) ?? { calls: [], next: 0 };
      queue.calls.push(call);
      byName.set(name, queue);
      byId.set(decodeToolCallId(toolCallId).id, call);
    },

    /** The canonical id of the call a response answers, or undefined when none is left. */
    take(name: string, id: string | undefined): string | undefined {
      const named = id === undefined ? undefined : byId.get(id);
      if (named && !named.answered) {
        named.answered = true;
        return named.toolCallId;
      }
      const queue = byName.get(name);
      if (!queue) return undefined;
      // Calls answered by id are skipped once, when the queue reaches them.
      while (queue.next < queue.calls.length && queue.calls[queue.next]!.answered) queue.next++;
      const oldest = queue.calls[queue.next];
      if (!oldest) return undefined;
      oldest.answered = true;
      queue.next++;
      return oldest.toolCallId;
    },
  };
}

export type CallPairing = ReturnType<typeof createCallPairing>;
