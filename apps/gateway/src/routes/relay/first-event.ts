import { AdapterError, isAdapterError } from '@oneapi/adapters';
import { createParser } from 'eventsource-parser';
import { HEARTBEAT, untilNextOrHeartbeat } from './heartbeat';

/**
 * Waits for the first event of a stream, then hands back the whole stream (what was read
 * included). A stream that ends, breaks or reports an error before its first event is the
 * attempt's failure, so the router may fail over: the client has been sent nothing yet.
 * After that, an upstream silent for `idleMs` (STREAMING_TIMEOUT) breaks the stream off, as
 * the translated path's idle timeout does.
 */
export async function withFirstEvent(
  body: ReadableStream<Uint8Array> | null,
  streamError: (event: string | undefined, data: string) => AdapterError | undefined,
  idleMs: number,
): Promise<ReadableStream<Uint8Array>> {
  if (!body) throw new AdapterError('upstream_bad_response', 'The upstream sent no stream body');
  const reader = body.getReader();
  const head: Uint8Array[] = [];
  let first: { event: string | undefined; data: string } | undefined;
  const parser = createParser({
    onEvent(event) {
      first ??= { event: event.event, data: event.data };
    },
  });
  const decoder = new TextDecoder();
  try {
    while (!first) {
      const next = await reader.read();
      if (next.done)
        throw new AdapterError(
          'upstream_bad_response',
          'The upstream stream ended before any event',
        );
      head.push(next.value);
      parser.feed(decoder.decode(next.value, { stream: true }));
    }
  } catch (cause) {
    await reader.cancel().catch(() => {});
    if (isAdapterError(cause)) throw cause;
    throw new AdapterError(
      'upstream_stream_interrupted',
      'The upstream closed the stream before its first event',
      { cause },
    );
  }
  const failure = streamError(first.event, first.data);
  if (failure) {
    await reader.cancel().catch(() => {});
    throw failure;
  }
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const piece = head.shift();
      if (piece) {
        controller.enqueue(piece);
        return;
      }
      const next = await untilNextOrHeartbeat(reader.read(), idleMs);
      if (next === HEARTBEAT) {
        // Not awaited: the cancellation settles with the read it interrupts.
        reader.cancel().catch(() => {});
        throw new AdapterError(
          'upstream_timeout',
          `The upstream sent nothing for ${idleMs / 1000} s`,
        );
      }
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
}
