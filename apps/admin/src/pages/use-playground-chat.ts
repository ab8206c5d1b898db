import { useEffect, useRef, useState } from 'react';
import { withPlaygroundKey } from '../api/playground-key';
import { type ChatMessage, streamChat } from '../api/relay-api';
import { type ChatUsage, readChatStream } from '../lib/chat-stream';

export interface ChatTurn extends ChatMessage {
  readonly id: number;
}

/**
 * A Playground conversation: sends it with the Playground's key, appends the reply as it
 * streams in, and keeps the last reply's token usage and any error.
 */
export function usePlaygroundChat(userId: number) {
  const [turns, setTurns] = useState<ChatTurn[]>([]);
  const [streaming, setStreaming] = useState(false);
  const [usage, setUsage] = useState<ChatUsage | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [stopped, setStopped] = useState(false);
  const controller = useRef<AbortController | null>(null);
  const nextId = useRef(0);
  // Leaving the page stops the download (and the upstream's generation with it).
  useEffect(() => () => controller.current?.abort(), []);

  const appendToReply = (text: string) =>
    setTurns((current) => {
      const last = current.at(-1);
      return last ? [...current.slice(0, -1), { ...last, content: last.content + text }] : current;
    });

  const send = async (model: string, prompt: string) => {
    const history: ChatMessage[] = [
      ...turns.map(({ role, content }) => ({ role, content })),
      { role: 'user', content: prompt },
    ];
    const ask = { id: nextId.current++, role: 'user' as const, content: prompt };
    const reply = { id: nextId.current++, role: 'assistant' as const, content: '' };
    setTurns((current) => [...current, ask, reply]);
    setUsage(null);
    setError(null);
    setStopped(false);
    setStreaming(true);
    const abort = new AbortController();
    controller.current = abort;
    try {
      const body = await withPlaygroundKey(userId, (key) =>
        streamChat(key, model, history, abort.signal),
      );
      for await (const event of readChatStream(body)) {
        if (event.type === 'delta') appendToReply(event.text);
        else if (event.type === 'usage') setUsage(event.usage);
        else if (event.type === 'error') setError(new Error(event.message));
      }
    } catch (failure) {
      if (abort.signal.aborted) setStopped(true);
      else setError(failure);
    } finally {
      setStreaming(false);
    }
  };

  const stop = () => controller.current?.abort();

  const clear = () => {
    setTurns([]);
    setUsage(null);
    setError(null);
    setStopped(false);
  };

  return { turns, streaming, usage, error, stopped, send, stop, clear };
}
