import { AdapterError } from '@oneapi/adapters';
import { describe, expect, it } from 'vitest';
import type { RevivalClaim } from './health/revival-prober';
import { makeChannel, request, setupRouter } from './testing/test-helpers';

const ctx = { group: 'default' };
const MINUTE = 60_000;
/** What a provider answers for a revoked key; the adapter classifies it key_fatal. */
const revoked = () =>
  new AdapterError('upstream_auth_failed', 'Incorrect API key provided', { upstreamStatus: 401 });

/** A router whose one channel has one key, retired by a 401 at t=0; `keyWorks` decides probes. */
async function retiredKey() {
  const state = { keyWorks: false };
  const setup = setupRouter([makeChannel(1)], () =>
    state.keyWorks ? { ok: 'pong' } : { fail: revoked() },
  );
  await setup.router.dispatch(request(), ctx).catch(() => {});
  return { ...setup, state };
}

const keyHealth = (router: ReturnType<typeof setupRouter>['router']) =>
  router.healthSnapshot()[0]!.keys[0]!;

describe('revival of retired keys and auto-disabled channels', () => {
  it('probes a retired key after 1, 2, 4 ... minutes, capped at 60, and brings it back', async () => {
    const { router, clock, calls, events, state } = await retiredKey();
    expect(events.map((event) => event.type)).toEqual(['key_disabled', 'channel_disabled']);
    expect(keyHealth(router)).toMatchObject({
      disabledReason: 'upstream_auth_failed',
      disabledDetail: 'upstream 401: Incorrect API key provided',
      nextProbeAt: MINUTE,
    });
    const waits: number[] = [];
    let last = clock.now();
    for (let probe = 0; probe < 9; probe++) {
      const due = keyHealth(router).nextProbeAt!;
      // Nothing is sent before its time.
      clock.advance(due - clock.now() - 1);
      const before = calls.length;
      expect(await router.probeRetired()).toEqual([]);
      clock.advance(1);
      const [result] = await router.probeRetired();
      expect(result).toMatchObject({ channelId: 1, keyIndex: 0, ok: false });
      expect(calls.length).toBe(before + 1);
      waits.push((clock.now() - last) / MINUTE);
      last = clock.now();
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
    // Still retired: requests are refused without reaching the upstream.
    await expect(router.dispatch(request(), ctx)).rejects.toMatchObject({
      code: 'no_channel_available',
    });

    state.keyWorks = true;
    clock.advance(keyHealth(router).nextProbeAt! - clock.now());
    const [passed] = await router.probeRetired();
    expect(passed).toMatchObject({ ok: true });
    expect(events.map((event) => event.type).slice(-2)).toEqual(['key_enabled', 'channel_enabled']);
    expect(keyHealth(router)).toMatchObject({
      disabledReason: undefined,
      disabledDetail: undefined,
      nextProbeAt: undefined,
    });
    expect(router.healthSnapshot()[0]).toMatchObject({ disabledReason: undefined });
    await expect(router.dispatch(request(), ctx)).resolves.toMatchObject({ kind: 'completion' });
  });

  it('lets one instance probe a key per round: a refused claim sends nothing and waits', async () => {
    const { router, clock, calls } = await retiredKey();
    const claims: { target: unknown; ttlMs: number }[] = [];
    let granted = false;
    const claim: RevivalClaim = async (target, ttlMs) => {
      claims.push({ target, ttlMs });
      return granted;
    };
    const sent = calls.length;
    clock.advance(MINUTE);
    expect(await router.probeRetired(claim)).toEqual([]);
    expect(calls.length).toBe(sent);
    // Another instance took the first round: this one waits out the next step, like it.
    expect(keyHealth(router).nextProbeAt).toBe(3 * MINUTE);
    granted = true;
    clock.advance(2 * MINUTE);
    expect(await router.probeRetired(claim)).toHaveLength(1);
    expect(claims).toEqual([
      { target: { channelId: 1, keyIndex: 0 }, ttlMs: MINUTE },
      { target: { channelId: 1, keyIndex: 0 }, ttlMs: 2 * MINUTE },
    ]);
  });

  it('probes a channel the source reports auto-disabled and re-enables it', async () => {
    const { router, clock, calls, events } = setupRouter(
      [makeChannel(1, { status: 'auto_disabled' })],
      () => ({ ok: 'pong' }),
      { revival: { initialDelayMs: 1_000, maxDelayMs: 4_000 } },
    );
    // The first pass starts its schedule; nothing is sent yet.
    expect(await router.probeRetired()).toEqual([]);
    expect(router.healthSnapshot()[0]).toMatchObject({
      disabledReason: 'source',
      nextProbeAt: 1_000,
    });
    clock.advance(1_000);
    expect(await router.probeRetired()).toMatchObject([{ ok: true }]);
    expect(calls).toHaveLength(1);
    expect(events.map((event) => event.type)).toContain('channel_enabled');
    expect(router.healthSnapshot()[0]).toMatchObject({
      disabledReason: undefined,
      nextProbeAt: undefined,
    });
  });

  it('never probes with revival turned off', async () => {
    const { router, clock, calls } = setupRouter([makeChannel(1)], () => ({ fail: revoked() }), {
      revival: { initialDelayMs: 0 },
    });
    await router.dispatch(request(), ctx).catch(() => {});
    expect(router.healthSnapshot()[0]!.keys[0]).toMatchObject({
      disabledReason: 'upstream_auth_failed',
      nextProbeAt: undefined,
    });
    const sent = calls.length;
    clock.advance(24 * 60 * MINUTE);
    expect(await router.probeRetired()).toEqual([]);
    expect(calls.length).toBe(sent);
  });
});
