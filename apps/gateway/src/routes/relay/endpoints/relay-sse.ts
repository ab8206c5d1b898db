import { setImmediate as nextTurn } from 'node:timers/promises';
import { AdapterError, isAdapterError } from '@oneapi/adapters';
import type { Attempt } from '@oneapi/router';
import { createParser } from 'eventsource-parser';
import { HEARTBEAT, untilNextOrHeartbeat } from '../heartbeat';
import type { RelaySession } from '../relay-session';
import type { StreamMeter } from './endpoint-spec';

const encoder = new TextEncoder();
const INTERRUPTED = 'The upstream closed the stream mid-answer';

/**
 * Relays an upstream SSE answer as it is, event by event with backpressure: each event goes
 * through `meter` (which may hold it back) and out re-framed as `event:`/`data:` lines, so
 * upstream comments never reach the client, and each event's text through `scrub` (the
 * channel's keys masked). An upstream that breaks off mid-stream ends the
 * client's stream with an error event in the client's format (`brokenOffFrame`; default
 * OpenAI's shape, and no `[DONE]`) instead of a reset; so does one that closes cleanly before
 * its format's last event (the meter's `unfinished`).
 * `onEnd` runs once, when the stream completed, failed or the client left.
 */
/** How a relayed stream ended, as `relaySse` tells its `onEnd`. */
export interface RelaySseOutcome {
  readonly brokenOff: string | undefined;
  readonly firstByteAt?: number;
}

/**
 * The `onEnd` of a relayed stream: settles what the meter read, or logs the failure that
 * ended the stream (a 502 row) when it broke off or the meter saw an error event.
 */
export function settleRelayedStream(
  session: RelaySession,
  settled: { readonly channelId: number; readonly attempts: readonly Attempt[] },
  meter: Pick<StreamMeter, 'usage' | 'failure' | 'responseModel' | 'finishReasons'>,
  startedAt: number,
): (outcome: RelaySseOutcome) => void {
  return (outcome) => {
    const failure = outcome.brokenOff ?? meter.failure;
    void meter.usage().then((usage) =>
      session.settleLater({
        ...settled,
        usage,
        status: failure ? 502 : 200,
        ...(meter.responseModel !== undefined && { responseModel: meter.responseModel }),
        ...(meter.finishReasons && { finishReasons: meter.finishReasons }),
        ...(outcome.firstByteAt !== undefined && { firstTokenMs: outcome.firstByteAt - startedAt }),
        ...(failure && { error: { code: 'upstream_stream_error', message: failure } }),
      }),
    );
  };
}

export function relaySse(
  upstream: ReadableStream<Uint8Array>,
  meter: StreamMeter,
  heartbeatMs: number,
  scrub: (data: string) => string,
  onEnd: (outcome: RelaySseOutcome) => void,
  brokenOffFrame: (message: string, failure?: AdapterError) => string = openAIBrokenOffFrame,
): ReadableStream<Uint8Array> {
  const reader = upstream.getReader();
  // The read in progress: a heartbeat interrupts the wait for it, not the read.
  let pendingRead: ReturnType<typeof reader.read> | undefined;
  const decoder = new TextDecoder();
  let pending = '';
  let held: string | undefined;
  let firstByteAt: number | undefined;
  let ended = false;
  const end = (brokenOff: string | undefined) => {
    if (ended) return;
    ended = true;
    onEnd({ brokenOff, ...(firstByteAt !== undefined && { firstByteAt }) });
  };
  const parser = createParser({
    onEvent(event) {
      const data = scrub(event.data);
      if (!meter.observe(event.event, data)) return;
      // A data field of several lines goes out as several `data:` lines, as it came.
      pending += `${event.event ? `event: ${scrub(event.event)}\n` : ''}data: ${data.replaceAll('\n', '\ndata: ')}\n\n`;
    },
  });
  return new ReadableStream<Uint8Array>({
    // A pull that enqueues nothing is not called again: read until an event is ready.
    async pull(controller) {
      if (held !== undefined) {
        // The rest of the read that carried the first event, after a turn of the event
        // loop has let that event out to the client (Node sends what a response writes
        // only once the microtasks of the turn have run).
        await nextTurn();
        if (ended) return;
        parser.feed(held);
        held = undefined;
        if (pending !== '') {
          controller.enqueue(encoder.encode(pending));
          pending = '';
          return;
        }
      }
      for (;;) {
        let next: Awaited<ReturnType<typeof reader.read>>;
        try {
          pendingRead ??= reader.read();
          const read = await untilNextOrHeartbeat(pendingRead, heartbeatMs);
          if (read === HEARTBEAT) {
            controller.enqueue(encoder.encode(': keep-alive\n\n'));
            return;
          }
          pendingRead = undefined;
          next = read;
        } catch (error) {
          // The idle timeout's own error, or the connection cut: said as the translated path says it.
          const failure = isAdapterError(error)
            ? error
            : new AdapterError('upstream_stream_interrupted', INTERRUPTED, { cause: error });
          controller.enqueue(encoder.encode(brokenOffFrame(failure.message, failure)));
          controller.close();
          end(
            failure === error
              ? failure.message
              : `${failure.message}: ${String((error as Error)?.message ?? error)}`,
          );
          return;
        }
        if (next.done) {
          parser.feed(`${decoder.decode()}\n\n`);
          // A clean close before the format's last event is a cut all the same: the client is
          // told in its format rather than left with an answer that looks whole.
          const cut = meter.failure === undefined ? meter.unfinished?.() : undefined;
          if (cut !== undefined) pending += brokenOffFrame(cut);
          if (pending !== '') controller.enqueue(encoder.encode(pending));
          pending = '';
          controller.close();
          end(cut);
          return;
        }
        const text = decoder.decode(next.value, { stream: true });
        // Before the first byte, a read that holds several events is fed up to the end of
        // the first: the parser takes text split anywhere, and the rest waits one turn.
        const firstEnd = firstByteAt === undefined ? text.indexOf('\n\n') + 2 : text.length;
        if (firstEnd >= 2 && firstEnd < text.length) {
          parser.feed(text.slice(0, firstEnd));
          if (pending === '') parser.feed(text.slice(firstEnd));
          else held = text.slice(firstEnd);
        } else parser.feed(text);
        if (pending === '') continue;
        firstByteAt ??= Date.now();
        controller.enqueue(encoder.encode(pending));
        pending = '';
        return;
      }
    },
    async cancel(reason) {
      // The client left: stop reading, which aborts the upstream request. What was read and
      // held back a turn (after the first event) is still metered: its usage, if it came.
      if (held !== undefined) parser.feed(held);
      held = undefined;
      await reader.cancel(reason).catch(() => {});
      end(undefined);
    },
  });
}

function openAIBrokenOffFrame(message: string, failure?: AdapterError): string {
  const body = failure?.toOpenAIError() ?? {
    error: { message, type: 'server_error', code: 'upstream_stream_error' },
  };
  return `data: ${JSON.stringify(body)}\n\n`;
}
