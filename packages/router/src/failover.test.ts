import type { AdapterErrorCode } from '@oneapi/adapters';
import { describe, expect, it } from 'vitest';
import type { AttemptCall } from './ports';
import { RouterError } from './router-error';
import {
  type FakeOutcome,
  makeChannel,
  request,
  setupRouter,
  upstreamError,
} from './testing/test-helpers';

const ctx = { group: 'default' };
const failing =
  (ids: number[], code: AdapterErrorCode) =>
  (call: AttemptCall): FakeOutcome =>
    ids.includes(call.channel.id)
      ? { fail: upstreamError(code) }
      : { ok: `from ${call.channel.id}` };
const catchError = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as RouterError,
  );

describe('dispatch failover', () => {
  it('fails over on a retryable error and reports both attempts', async () => {
    const { router } = setupRouter(
      [makeChannel(1, { priority: 10 }), makeChannel(2)],
      failing([1], 'overloaded'),
    );
    const result = await router.dispatch(request(), ctx);
    expect(result.kind === 'completion' && result.completion.choices[0]?.message.content).toBe(
      'from 2',
    );
    expect(result.attempts.map((a) => [a.channelId, a.outcome, a.errorCode])).toEqual([
      [1, 'failure', 'overloaded'],
      [2, 'success', undefined],
    ]);
    expect(result.channel).toMatchObject({ id: 2, keyIndex: 0, upstreamModel: 'gpt-4o' });
  });

  it('never retries a client error, and keeps its status', async () => {
    const { router, calls } = setupRouter(
      [makeChannel(1, { priority: 10 }), makeChannel(2)],
      failing([1], 'context_length_exceeded'),
    );
    const error = await catchError(router.dispatch(request(), ctx));
    expect(error).toBeInstanceOf(RouterError);
    expect(error).toMatchObject({ code: 'upstream_rejected', status: 400 });
    expect(error?.toOpenAIError().error.code).toBe('context_length_exceeded');
    expect(calls).toHaveLength(1);
  });

  it('stops after maxRetries, never re-picks a channel, and surfaces the last status', async () => {
    const { router, calls } = setupRouter(
      [1, 2, 3, 4].map((id) => makeChannel(id)),
      failing([1, 2, 3, 4], 'upstream_timeout'),
      { maxRetries: 2 },
    );
    const error = await catchError(router.dispatch(request(), ctx));
    expect(error?.code).toBe('all_attempts_failed');
    expect(error?.status).toBe(504);
    expect(calls).toHaveLength(3);
    expect(new Set(calls.map((call) => call.channel.id)).size).toBe(3);
    expect(error?.attempts).toHaveLength(3);
  });

  it('retries no more than the budget allows', async () => {
    const { router, calls } = setupRouter(
      [1, 2].map((id) => makeChannel(id)),
      failing([1, 2], 'upstream_server_error'),
      { retryBudget: { percent: 0, minRetries: 0 } },
    );
    const error = await catchError(router.dispatch(request(), ctx));
    expect(error?.message).toContain('retry budget');
    expect(calls).toHaveLength(1);
  });

  it('tries another key of the same channel after a key-level failure, then skips that key', async () => {
    const { router, events } = setupRouter(
      [makeChannel(1, { keys: ['dead-key', 'good-key'] })],
      (call) =>
        call.apiKey === 'dead-key'
          ? { fail: upstreamError('upstream_auth_failed') }
          : { ok: 'fine' },
    );
    const result = await router.dispatch(request(), ctx);
    expect(result.attempts.map((a) => [a.keyIndex, a.route, a.outcome])).toEqual([
      [0, 'selected', 'failure'],
      [1, 'next_key', 'success'],
    ]);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'key_disabled', channelId: 1, keyIndex: 0 }),
    );
    const again = await router.dispatch(request(), ctx);
    expect(again.attempts.map((a) => a.keyIndex)).toEqual([1]);
    expect(JSON.stringify({ events, attempts: again.attempts })).not.toContain('dead-key');
  });

  it('cools a 429 channel down for Retry-After, then uses it again', async () => {
    let limited = true;
    const { router, clock } = setupRouter(
      [makeChannel(1, { priority: 10 }), makeChannel(2)],
      (call) =>
        call.channel.id === 1 && limited
          ? { fail: upstreamError('rate_limited', 10_000) }
          : { ok: String(call.channel.id) },
    );
    await router.dispatch(request(), ctx);
    limited = false;
    const during = await router.dispatch(request(), ctx);
    expect(during.attempts.map((a) => a.channelId)).toEqual([2]);
    clock.advance(10_000);
    const after = await router.dispatch(request(), ctx);
    expect(after.attempts.map((a) => a.channelId)).toEqual([1]);
  });

  it('sends the mapped model upstream', async () => {
    const { router, calls } = setupRouter(
      [makeChannel(1, { modelMapping: { 'gpt-4*': 'azure-gpt4-deploy' } })],
      () => ({ ok: 'x' }),
    );
    const result = await router.dispatch(request(), ctx);
    expect(calls[0]?.request.model).toBe('azure-gpt4-deploy');
    expect(result.channel.upstreamModel).toBe('azure-gpt4-deploy');
  });

  it('rejects a model outside the allow-list and one no channel serves', async () => {
    const { router, calls } = setupRouter([makeChannel(1)], () => ({ ok: 'x' }));
    const notAllowed = await catchError(
      router.dispatch(request(), { group: 'default', allowedModels: ['gpt-4o-mini'] }),
    );
    expect(notAllowed).toMatchObject({ code: 'model_not_allowed', status: 403 });
    const unserved = await catchError(router.dispatch(request('o3'), ctx));
    // Nothing lists the model: final (404, not retryable), unlike channels that exist but
    // cannot serve now (503).
    expect(unserved).toMatchObject({ code: 'model_not_found', status: 404, retryable: false });
    const otherGroup = await catchError(router.dispatch(request(), { group: 'vip' }));
    expect(otherGroup?.code).toBe('model_not_found');
    expect(calls).toHaveLength(0);
  });

  it('pins a channel for an admin, whatever its priority and health', async () => {
    const { router, calls } = setupRouter(
      [makeChannel(1, { priority: 10 }), makeChannel(2, { status: 'auto_disabled' })],
      () => ({ ok: 'x' }),
    );
    const result = await router.dispatch(request(), { group: 'default', pinnedChannelId: 2 });
    expect(result.attempts.map((a) => [a.channelId, a.route])).toEqual([[2, 'pinned']]);
    expect(calls).toHaveLength(1);
    const missing = await catchError(
      router.dispatch(request(), { group: 'default', pinnedChannelId: 99 }),
    );
    expect(missing?.code).toBe('pinned_channel_unavailable');
  });

  it('never routes to a manually disabled channel', async () => {
    const { router } = setupRouter(
      [makeChannel(1, { priority: 10, status: 'manually_disabled' }), makeChannel(2)],
      () => ({ ok: 'x' }),
    );
    for (let i = 0; i < 5; i++) expect((await router.dispatch(request(), ctx)).channel.id).toBe(2);
    const pinned = await catchError(
      router.dispatch(request(), { group: 'default', pinnedChannelId: 1 }),
    );
    expect(pinned?.code).toBe('pinned_channel_unavailable');
  });
});

describe('router.tune', () => {
  it('changes retries and timeouts while running, keeping health', async () => {
    const { router, calls } = setupRouter(
      [makeChannel(1, { priority: 10 }), makeChannel(2)],
      (call) => (call.channel.id === 1 ? { fail: upstreamError('overloaded') } : { ok: 'two' }),
    );
    expect((await router.dispatch(request(), ctx)).attempts).toHaveLength(2);
    await router.tune({ maxRetries: 0, timeouts: { firstByteMs: 1234 } });
    expect(router.policy.maxRetries).toBe(0);
    expect(router.policy.timeouts.firstByteMs).toBe(1234);
    const before = calls.length;
    const error = await catchError(router.dispatch(request(), ctx));
    // Channel 1 is still preferred (health kept, one failure does not eject it): no retry.
    expect(error?.code).toBe('all_attempts_failed');
    expect(calls.length - before).toBe(1);
  });
});
