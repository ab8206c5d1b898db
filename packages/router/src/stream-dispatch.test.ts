import type { StreamEvent } from '@oneapi/adapters';
import { describe, expect, it } from 'vitest';
import type { StreamDispatch } from './dispatch-types';
import {
  flush,
  makeChannel,
  request,
  setupRouter,
  streamRequest,
  textEvents,
  upstreamError,
} from './testing/test-helpers';

const ctx = { group: 'default' };
const two = [makeChannel(1, { priority: 10 }), makeChannel(2)];

async function collect(result: StreamDispatch): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const event of result.events) events.push(event);
  return events;
}

describe('stream dispatch', () => {
  it('fails over when the upstream fails before the first event', async () => {
    const { router } = setupRouter(two, (call) =>
      call.channel.id === 1
        ? { events: [{ type: 'error', error: upstreamError('overloaded') }] }
        : { ok: 'from 2' },
    );
    const result = await router.dispatch(streamRequest(), ctx);
    expect((await collect(result)).map((e) => e.type)).toEqual(['start', 'text-delta', 'finish']);
    expect(result.attempts.map((a) => [a.channelId, a.outcome])).toEqual([
      [1, 'failure'],
      [2, 'success'],
    ]);
  });

  it('never retries once the first event is out: a later failure is one error event', async () => {
    const { router, calls } = setupRouter(two, () => ({
      events: [
        ...textEvents('partial').slice(0, 2),
        { type: 'error', error: upstreamError('upstream_server_error') },
      ],
    }));
    const result = await router.dispatch(streamRequest(), ctx);
    const events = await collect(result);
    expect(events.map((e) => e.type)).toEqual(['start', 'text-delta', 'error']);
    expect(calls).toHaveLength(1);
    expect(result.attempts).toHaveLength(1);
    expect(result.attempts[0]).toMatchObject({
      outcome: 'success',
      streamErrorCode: 'upstream_server_error',
    });
  });

  it('times out the first byte and fails over to the next channel', async () => {
    const { router, clock } = setupRouter(
      [makeChannel(1, { priority: 10, timeouts: { firstByteMs: 5000 } }), makeChannel(2)],
      (call) => (call.channel.id === 1 ? { events: ['hang'] } : { ok: 'late but fine' }),
    );
    const pending = router.dispatch(streamRequest(), ctx);
    await flush();
    clock.advance(5000);
    const result = await pending;
    expect(result.attempts.map((a) => [a.channelId, a.errorCode])).toEqual([
      [1, 'upstream_timeout'],
      [2, undefined],
    ]);
  });

  it('ends a stalled stream with an idle-timeout error event and aborts the upstream', async () => {
    const { router, clock, calls } = setupRouter(
      [makeChannel(1, { timeouts: { idleMs: 1000 } })],
      () => ({ events: [textEvents('a')[0] as StreamEvent, 'hang'] }),
    );
    const result = await router.dispatch(streamRequest(), ctx);
    const iterator = result.events[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toMatchObject({ type: 'start' });
    const stalled = iterator.next();
    await flush();
    clock.advance(1000);
    const last = await stalled;
    expect(last.value).toMatchObject({ type: 'error', error: { code: 'upstream_timeout' } });
    expect((await iterator.next()).done).toBe(true);
    expect(calls[0]?.signal.aborted).toBe(true);
  });

  it('propagates a client abort to the upstream and stops retrying', async () => {
    const abort = new AbortController();
    const { router, calls } = setupRouter(two, () => ({ hang: true }));
    const pending = router.dispatch(streamRequest(), { ...ctx, signal: abort.signal });
    await flush();
    abort.abort();
    await expect(pending).rejects.toMatchObject({ code: 'aborted', status: 499 });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.signal.aborted).toBe(true);
  });

  it('aborts the upstream when the caller aborts mid-stream', async () => {
    const abort = new AbortController();
    const { router, calls } = setupRouter(two, () => ({
      events: [textEvents('a')[0] as StreamEvent, 'hang'],
    }));
    const result = await router.dispatch(streamRequest(), { ...ctx, signal: abort.signal });
    const iterator = result.events[Symbol.asyncIterator]();
    await iterator.next();
    const pending = iterator.next();
    abort.abort();
    expect((await pending).value).toMatchObject({ type: 'error', error: { code: 'aborted' } });
    expect(calls[0]?.signal.aborted).toBe(true);
  });

  it('aborts the upstream when the caller stops iterating', async () => {
    const { router, calls } = setupRouter(two, () => ({
      events: [...textEvents('a'), 'hang'],
    }));
    const result = await router.dispatch(streamRequest(), ctx);
    for await (const event of result.events) if (event.type === 'text-delta') break;
    expect(calls[0]?.signal.aborted).toBe(true);
  });

  it('gives up at the total timeout without another attempt', async () => {
    const { router, clock, calls } = setupRouter(two, () => ({ hang: true }), {
      timeouts: { totalMs: 3000 },
    });
    const pending = router.dispatch(request(), ctx);
    await flush();
    clock.advance(3000);
    await expect(pending).rejects.toMatchObject({ code: 'timeout', status: 504 });
    expect(calls).toHaveLength(1);
  });
});
