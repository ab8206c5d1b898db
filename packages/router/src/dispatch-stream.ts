import { AdapterError, type StreamEvent } from '@oneapi/adapters';
import type { Clock } from './clock';
import type { DispatchScope } from './dispatch-scope';
import type { HealthTracker } from './health/health-tracker';
import { type AttemptRun, asAdapterError } from './run-with-failover';
import { raceAbort } from './timeouts';

/** A stream that produced its first event: the point after which it is never retried. */
export interface OpenedStream {
  readonly first: StreamEvent;
  readonly iterator: AsyncIterator<StreamEvent>;
}

/**
 * Opens a stream and waits for its first event, under the connect and first-byte timeouts.
 * Everything that goes wrong here rejects, so the failover loop may still try elsewhere: an
 * upstream that answers 2xx and then fails (or ends) before any event has sent the client
 * nothing yet.
 */
export async function openStream(
  run: AttemptRun,
  events: () => Promise<AsyncIterable<StreamEvent>>,
  clock: Clock,
): Promise<OpenedStream> {
  const { connectMs, firstByteMs } = run.candidate.routed.timeouts;
  const connectFirst = connectMs < firstByteMs;
  run.timer.arm(connectFirst ? 'connect' : 'first_byte', Math.min(connectMs, firstByteMs));
  const iterable = await raceAbort(events(), run.controller.signal);
  if (connectFirst) {
    const remaining = firstByteMs - (clock.now() - run.attempt.startedAt);
    run.timer.arm('first_byte', Math.max(0, remaining), firstByteMs);
  }
  const iterator = iterable[Symbol.asyncIterator]();
  let first: IteratorResult<StreamEvent>;
  try {
    first = await raceAbort(iterator.next(), run.controller.signal);
  } catch (error) {
    closeQuietly(iterator);
    throw error;
  }
  if (first.done)
    throw new AdapterError('upstream_bad_response', 'The upstream stream ended before any event');
  if (first.value.type === 'error') {
    closeQuietly(iterator);
    throw first.value.error;
  }
  run.timer.clear();
  return { first: first.value, iterator };
}

/**
 * The committed stream: the first event, then the rest under the idle timeout (armed only while
 * waiting on the upstream, not while the caller is slow) and the dispatch's total timeout.
 * Any later failure becomes one `error` event, recorded on the attempt and in health, and is
 * never retried. Stopping early (`return()`, or the caller's abort) aborts the upstream.
 */
export async function* streamCommitted(
  opened: OpenedStream,
  run: AttemptRun,
  scope: DispatchScope,
  tracker: HealthTracker,
): AsyncGenerator<StreamEvent> {
  const { iterator } = opened;
  const { idleMs } = run.candidate.routed.timeouts;
  let upstreamDone = false;
  const fail = (error: AdapterError): StreamEvent => {
    run.attempt.streamErrorCode = error.code;
    tracker.onFailure(run.candidate.routed.health, run.keyIndex, error);
    return { type: 'error', error };
  };
  try {
    yield opened.first;
    for (;;) {
      run.timer.arm('idle', idleMs);
      let next: IteratorResult<StreamEvent>;
      try {
        next = await raceAbort(iterator.next(), run.controller.signal);
      } catch (thrown) {
        const error =
          run.timer.expired ??
          (scope.signal.aborted ? scope.abortReason() : asAdapterError(thrown));
        yield fail(error);
        return;
      }
      run.timer.clear();
      if (next.done) {
        upstreamDone = true;
        return;
      }
      if (next.value.type === 'error') {
        yield fail(next.value.error);
        return;
      }
      yield next.value;
    }
  } finally {
    run.release();
    scope.dispose();
    if (!upstreamDone) {
      run.controller.abort();
      closeQuietly(iterator);
    }
  }
}

function closeQuietly(iterator: AsyncIterator<StreamEvent>): void {
  iterator.return?.().catch(() => {});
}
