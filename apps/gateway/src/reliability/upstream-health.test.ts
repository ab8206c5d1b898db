import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestGateway } from '../testing/create-test-gateway';
import {
  type FaultPlan,
  type FaultUpstream,
  startFaultUpstream,
} from '../testing/reliability/fault-upstream';
import { reportFigure, TEST_TIMEOUT_MS } from '../testing/reliability/reliability-kit';
import {
  addChannel,
  channelUrl,
  chat,
  rootLogs,
  startFaultGateway,
} from '../testing/reliability/upstream-fault-kit';

/*
 * Health under upstream faults: a 429 cools a key down without disabling anything; failing
 * channels are ejected only up to the configured share (the router's maxEjectionPercent,
 * 50%); a client error (400) is neither retried nor held against the channel.
 */

const snapshotOf = (gateway: TestGateway, channelId: number) =>
  gateway.services.router.healthSnapshot().find((health) => health.channelId === channelId)!;

describe('429 with Retry-After (SQLite)', () => {
  let gateway: TestGateway;
  let limited: FaultUpstream;
  let spare: FaultUpstream;
  let limitedPlan: FaultPlan = { kind: 'rate-limited', retryAfterSeconds: 1 };
  const ids = { limited: 0, spare: 0 };

  beforeAll(async () => {
    limited = await startFaultUpstream(() => limitedPlan);
    spare = await startFaultUpstream(() => ({ kind: 'answer' }));
    gateway = await startFaultGateway();
    ids.limited = await addChannel(gateway, {
      name: 'limited',
      baseUrl: channelUrl(limited),
      priority: 10,
    });
    ids.spare = await addChannel(gateway, { name: 'spare', baseUrl: channelUrl(spare) });
  });

  afterAll(async () => {
    await gateway?.close();
    await limited?.close();
    await spare?.close();
  });

  it(
    'cools the channel down for Retry-After, without disabling it, then uses it again',
    async () => {
      const first = await chat(gateway, { stream: false });
      expect(first.status).toBe(200);
      const [row] = await rootLogs(gateway, 1);
      expect(row!.attempts!.map((attempt) => attempt.channelId)).toEqual([ids.limited, ids.spare]);
      const health = snapshotOf(gateway, ids.limited);
      expect(health.disabledReason).toBeUndefined();
      expect(health.breaker).toBe('closed');
      const cooldownMs = health.keys[0]!.cooldownUntil - Date.now();
      expect(cooldownMs).toBeGreaterThan(500);
      expect(cooldownMs).toBeLessThanOrEqual(1_000);
      expect(
        await gateway.services.storage.repositories.channels.findById(ids.limited),
      ).toMatchObject({ status: 'enabled' });

      // During the cooldown the limited channel is skipped, not tried and failed.
      limitedPlan = { kind: 'answer' };
      for (let index = 0; index < 3; index++)
        expect((await chat(gateway, { stream: false })).status).toBe(200);
      expect(limited.requests).toHaveLength(1);

      await new Promise((resolve) => setTimeout(resolve, cooldownMs + 100));
      expect((await chat(gateway, { stream: false })).status).toBe(200);
      expect(limited.requests).toHaveLength(2);
      const [last] = await rootLogs(gateway, 5);
      expect(last!.channelId).toBe(ids.limited);
      reportFigure(
        `429 Retry-After: 1: cooldown ${cooldownMs} ms, channel stayed enabled and closed, 3 requests served by the spare meanwhile, the limited channel answered again after it`,
      );
    },
    TEST_TIMEOUT_MS,
  );
});

describe('no auto-disable storm (SQLite)', () => {
  let gateway: TestGateway;
  const upstreams: FaultUpstream[] = [];
  const ids: number[] = [];
  // Channels 0-2 fail with 503; channel 3 answers until `allFail`.
  let allFail = false;

  beforeAll(async () => {
    // Three retries: a request may meet all three failing channels before the healthy one.
    gateway = await startFaultGateway({ RETRY_TIMES: '3' });
    for (const index of [0, 1, 2, 3]) {
      const upstream = await startFaultUpstream(() =>
        index < 3 || allFail ? { kind: 'server-error', status: 503 } : { kind: 'answer' },
      );
      upstreams.push(upstream);
      ids.push(await addChannel(gateway, { name: `c${index}`, baseUrl: channelUrl(upstream) }));
    }
  });

  afterAll(async () => {
    await gateway?.close();
    for (const upstream of upstreams) await upstream.close();
  });

  const ejected = () =>
    gateway.services.router.healthSnapshot().filter((health) => health.breaker !== 'closed');
  const disabled = () =>
    gateway.services.router
      .healthSnapshot()
      .filter((health) => health.disabledReason !== undefined);

  it(
    '3 of 4 failing: at most half of the channels ejected, every request answered',
    async () => {
      for (let index = 0; index < 40; index++) {
        expect((await chat(gateway, { stream: index % 2 === 0 })).status).toBe(200);
        expect(ejected().length).toBeLessThanOrEqual(2);
      }
      expect(disabled()).toHaveLength(0);
      const stored = await Promise.all(
        ids.map((id) => gateway.services.storage.repositories.channels.findById(id)),
      );
      expect(stored.map((channel) => channel!.status)).toEqual(ids.map(() => 'enabled'));
      reportFigure(
        `3 of 4 channels failing, 40 requests: all 200; ${ejected().length} ejected (cap 2 = 50%), 0 disabled`,
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'all 4 failing: routing keeps trying the channels that are not ejected',
    async () => {
      allFail = true;
      const sentBefore = upstreams.reduce((sum, upstream) => sum + upstream.requests.length, 0);
      let lastSent = sentBefore;
      for (let index = 0; index < 20; index++) {
        expect((await chat(gateway, { stream: false })).status).toBeGreaterThanOrEqual(500);
        const sent = upstreams.reduce((sum, upstream) => sum + upstream.requests.length, 0);
        // Every request still reaches an upstream: the pool never empties.
        expect(sent).toBeGreaterThan(lastSent);
        lastSent = sent;
        expect(ejected().length).toBeLessThanOrEqual(2);
      }
      expect(disabled()).toHaveLength(0);
      reportFigure(
        `all 4 failing, 20 requests: each reached an upstream (${lastSent - sentBefore} attempts), ${ejected().length} ejected (cap 2), 0 disabled`,
      );
    },
    TEST_TIMEOUT_MS,
  );
});

describe('400 from the upstream (SQLite)', () => {
  let gateway: TestGateway;
  let rejecting: FaultUpstream;
  let spare: FaultUpstream;
  let rejectingId = 0;

  beforeAll(async () => {
    // The fault upstream's error plan with a 4xx status: the adapter classifies by status.
    rejecting = await startFaultUpstream(() => ({ kind: 'server-error', status: 400 }));
    spare = await startFaultUpstream(() => ({ kind: 'answer' }));
    gateway = await startFaultGateway();
    rejectingId = await addChannel(gateway, {
      name: 'rejecting',
      baseUrl: channelUrl(rejecting),
      priority: 10,
    });
    await addChannel(gateway, { name: 'spare', baseUrl: channelUrl(spare) });
  });

  afterAll(async () => {
    await gateway?.close();
    await rejecting?.close();
    await spare?.close();
  });

  it(
    'is answered as a 400, not retried, and not counted against the channel',
    async () => {
      for (let index = 0; index < 10; index++) {
        const response = await chat(gateway, { stream: index % 2 === 0 });
        expect(response.status).toBe(400);
        expect(await response.json()).toHaveProperty('error.message');
      }
      expect(rejecting.requests).toHaveLength(10);
      expect(spare.requests).toHaveLength(0);
      const health = snapshotOf(gateway, rejectingId);
      expect(health.breaker).toBe('closed');
      expect(health.failureRate).toBe(0);
      expect(health.disabledReason).toBeUndefined();
      reportFigure(
        '400 x 10: 10 upstream requests (no retry), spare untouched, breaker closed, failure rate 0',
      );
    },
    TEST_TIMEOUT_MS,
  );
});
