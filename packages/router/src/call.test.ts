import { describe, expect, it } from 'vitest';
import type { CallTarget } from './dispatch-types';
import { RouterError } from './router-error';
import { makeChannel, setupRouter, upstreamError } from './testing/test-helpers';

const ctx = { group: 'default' };
const noChat = () => ({ fail: upstreamError('upstream_bad_response') });

function recordingPerform(fail: (target: CallTarget) => boolean) {
  const targets: CallTarget[] = [];
  const perform = async (target: CallTarget) => {
    targets.push(target);
    if (fail(target)) throw upstreamError('overloaded');
    return `served by ${target.channel.id} as ${target.upstreamModel}`;
  };
  return { targets, perform };
}

describe('router.call', () => {
  it('fails over between channels and hands each attempt its key and mapped model', async () => {
    const { router } = setupRouter(
      [
        makeChannel(1, { priority: 10, keys: ['sk-one'] }),
        makeChannel(2, { keys: ['sk-two'], modelMapping: { 'gpt-4o': 'gpt-4o-2024-08-06' } }),
      ],
      noChat,
    );
    const { targets, perform } = recordingPerform((target) => target.channel.id === 1);
    const result = await router.call('gpt-4o', ctx, perform);
    expect(result.value).toBe('served by 2 as gpt-4o-2024-08-06');
    expect(targets.map((target) => target.apiKey)).toEqual(['sk-one', 'sk-two']);
    expect(result.attempts.map((a) => [a.channelId, a.outcome])).toEqual([
      [1, 'failure'],
      [2, 'success'],
    ]);
    expect(result.channel).toMatchObject({ id: 2, upstreamModel: 'gpt-4o-2024-08-06' });
  });

  it('skips channels that cannot serve the request without an attempt or a health mark', async () => {
    const { router, events } = setupRouter(
      [makeChannel(1, { priority: 10, type: 'anthropic' }), makeChannel(2)],
      noChat,
    );
    const { targets, perform } = recordingPerform(() => false);
    const result = await router.call(
      'gpt-4o',
      { ...ctx, accepts: (channel) => channel.type === 'openai' },
      perform,
    );
    expect(targets.map((target) => target.channel.id)).toEqual([2]);
    expect(result.attempts).toHaveLength(1);
    expect(events).toEqual([]);
  });

  it('says no channel is available when none of the pool accepts the request', async () => {
    const { router } = setupRouter([makeChannel(1, { type: 'anthropic' })], noChat);
    const { targets, perform } = recordingPerform(() => false);
    const error = await router
      .call('gpt-4o', { ...ctx, accepts: () => false }, perform)
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(RouterError);
    expect((error as RouterError).code).toBe('no_channel_available');
    expect(targets).toEqual([]);
  });

  it('does not send to a pinned channel that cannot serve the request', async () => {
    const { router } = setupRouter([makeChannel(1, { type: 'anthropic' }), makeChannel(2)], noChat);
    const { targets, perform } = recordingPerform(() => false);
    const error = await router
      .call('gpt-4o', { ...ctx, pinnedChannelId: 1, accepts: (c) => c.type === 'openai' }, perform)
      .catch((thrown: unknown) => thrown);
    expect((error as RouterError).code).toBe('no_channel_available');
    expect(targets).toEqual([]);
  });

  it('aborts an attempt that outlives the first-byte timeout and tries the next channel', async () => {
    const { router, clock } = setupRouter(
      [makeChannel(1, { priority: 10 }), makeChannel(2)],
      noChat,
      { timeouts: { firstByteMs: 1000 } },
    );
    const perform = (target: CallTarget) =>
      target.channel.id === 1
        ? new Promise<string>((_, reject) =>
            target.signal.addEventListener('abort', () => reject(target.signal.reason)),
          )
        : Promise.resolve('second');
    const pending = router.call('gpt-4o', ctx, perform);
    await Promise.resolve();
    await new Promise((resolve) => setImmediate(resolve));
    clock.advance(1001);
    const result = await pending;
    expect(result.value).toBe('second');
    expect(result.attempts[0]).toMatchObject({ channelId: 1, errorCode: 'upstream_timeout' });
  });
});
