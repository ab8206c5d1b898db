import { useEffect, useRef, useState } from 'react';
import { withPlaygroundKey } from '../api/playground-key';
import { type ChatMessage, streamChat } from '../api/relay-api';
import { type ChatUsage, readChatStream } from '../lib/chat-stream';

export interface ChatTurn extends ChatMessage {
  readonly id: number;
  /** A reply's model: the one that answered (from the stream), else the one asked. */
  readonly model?: string;
  /** Why a reply failed; shown in its place (or under what arrived before the failure). */
  readonly failure?: unknown;
}

/**
 * A Playground conversation: sends it with the Playground's key, appends the reply as it
 * streams in, and keeps the last reply's token usage. A failure stays with its reply.
 */
export function usePlaygroundChat(userId: number) {
  const [turns, setTurns] = useState<ChatTurn[]>([]);
  const [streaming, setStreaming] = useState(false);
  const [usage, setUsage] = useState<ChatUsage | null>(null);
  const [stopped, setStopped] = useState(false);
  const controller = useRef<AbortController | null>(null);
  const nextId = useRef(0);
  // Leaving the page stops the download (and the upstream's generation with it).
  useEffect(() => () => controller.current?.abort(), []);

  const updateReply = (change: (reply: ChatTurn) => ChatTurn) =>
    setTurns((current) => {
      const last = current.at(-1);
      return last ? [...current.slice(0, -1), change(last)] : current;
    });

  const send = async (model: string, prompt: string) => {
    // A failed reply with no text is not part of the conversation the model sees.
    const history: ChatMessage[] = [
      ...turns
        .filter((turn) => turn.content !== '' || turn.failure === undefined)
        .map(({ role, content }) => ({ role, content })),
      { role: 'user', content: prompt },
    ];
    const ask = { id: nextId.current++, role: 'user' as const, content: prompt };
    const reply = { id: nextId.current++, role: 'assistant' as const, content: '', model };
    setTurns((current) => [...current, ask, reply]);
    setUsage(null);
    setStopped(false);
    setStreaming(true);
    const abort = new AbortController();
    controller.current = abort;
    try {
      const body = await withPlaygroundKey(userId, (key) =>
        streamChat(key, model, history, abort.signal),
      );
      for await (const event of readChatStream(body)) {
        if (event.type === 'model') updateReply((turn) => ({ ...turn, model: event.model }));
        else if (event.type === 'delta')
          updateReply((turn) => ({ ...turn, content: turn.content + event.text }));
        else if (event.type === 'usage') setUsage(event.usage);
        else if (event.type === 'error')
          updateReply((turn) => ({ ...turn, failure: new Error(event.message) }));
      }
    } catch (failure) {
      if (abort.signal.aborted) setStopped(true);
      else updateReply((turn) => ({ ...turn, failure }));
    } finally {
      setStreaming(false);
    }
  };

  const stop = () => controller.current?.abort();

  const clear = () => {
    setTurns([]);
    setUsage(null);
    setStopped(false);
  };

  return { turns, streaming, usage, stopped, send, stop, clear };
}
