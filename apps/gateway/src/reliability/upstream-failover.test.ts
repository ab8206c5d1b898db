import type { LogEntry } from '@oneapi/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestGateway } from '../testing/create-test-gateway';
import { type FaultUpstream, startFaultUpstream } from '../testing/reliability/fault-upstream';
import {
  expectOpenAIError,
  reportFigure,
  scaled,
  TEST_TIMEOUT_MS,
} from '../testing/reliability/reliability-kit';
import {
  addChannel,
  channelUrl,
  chat,
  dataFrames,
  refusedBaseUrl,
  rootLogs,
  rootQuota,
  startFaultGateway,
} from '../testing/reliability/upstream-fault-kit';

const USAGE = { promptTokens: 11, completionTokens: 7 };

/** Each consume row: served by `healthyId`, no channel tried twice, billed its usage alone. */
function expectBilledOnce(rows: readonly LogEntry[], healthyId: number): number {
  let failedAttempts = 0;
  for (const row of rows) {
    expect(row.type).toBe('consume');
    expect(row.channelId).toBe(healthyId);
    const tried = row.attempts!.map((attempt) => attempt.channelId);
    expect(new Set(tried).size).toBe(tried.length);
    expect(tried.at(-1)).toBe(healthyId);
    failedAttempts += tried.length - 1;
    expect([row.promptTokens, row.completionTokens]).toEqual([
      USAGE.promptTokens,
      USAGE.completionTokens,
    ]);
    expect(row.quota).toBeGreaterThan(0);
  }
  return failedAttempts;
}

describe('failover before the first byte (SQLite)', () => {
  let gateway: TestGateway;
  let unavailable: FaultUpstream;
  let healthy: FaultUpstream;
  const ids = { refused: 0, unavailable: 0, healthy: 0 };

  beforeAll(async () => {
    unavailable = await startFaultUpstream(() => ({ kind: 'server-error', status: 503 }));
    healthy = await startFaultUpstream(() => ({ kind: 'answer', usage: USAGE }));
    gateway = await startFaultGateway();
    // The broken channels rank first, so every request meets them before the healthy one.
    ids.refused = await addChannel(gateway, {
      name: 'refused',
      baseUrl: await refusedBaseUrl(),
      priority: 10,
    });
    ids.unavailable = await addChannel(gateway, {
      name: 'unavailable',
      baseUrl: channelUrl(unavailable),
      priority: 10,
    });
    ids.healthy = await addChannel(gateway, { name: 'healthy', baseUrl: channelUrl(healthy) });
  });

  afterAll(async () => {
    await gateway?.close();
    await unavailable?.close();
    await healthy?.close();
  });

  it(
    'answers every request through the healthy channel and bills only that attempt',
    async () => {
      const count = scaled(21, 210);
      const before = await rootQuota(gateway);
      const started = performance.now();
      const answers: { status: number; text: string; stream: boolean }[] = [];
      // Three at a time: the retry budget's floor (3 concurrent retries) covers them all.
      for (let wave = 0; wave < count / 3; wave++) {
        answers.push(
          ...(await Promise.all(
            [0, 1, 2].map(async (index) => {
              const response = await chat(gateway, { stream: index !== 1 });
              return { status: response.status, text: await response.text(), stream: index !== 1 };
            }),
          )),
        );
      }
      const elapsed = performance.now() - started;
      expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));
      for (const answer of answers.filter((each) => each.stream))
        expect(dataFrames(answer.text).at(-1)).toBe('[DONE]');

      const rows = await rootLogs(gateway, count);
      expect(rows).toHaveLength(count);
      const failedAttempts = expectBilledOnce(rows, ids.healthy);
      const billed = rows.reduce((sum, row) => sum + row.quota, 0);
      expect(before - (await rootQuota(gateway))).toBe(billed);
      expect(healthy.requests).toHaveLength(count);
      reportFigure(
        `failover: ${count} requests, all 200 via the healthy channel, ${failedAttempts} failed attempts before it (then the breakers skip the broken channels), ${unavailable.requests.length} reached the 503 upstream; ${elapsed.toFixed(0)} ms`,
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'under a burst, refuses only what the retry budget cuts, and bills nothing for it',
    async () => {
      // At most one of the three channels may be ejected (50%), so the burst still meets a
      // broken one and needs retries.
      const count = scaled(20, 200);
      const logged = (await rootLogs(gateway, 0)).length;
      const answers = await Promise.all(
        Array.from({ length: count }, async () => {
          const response = await chat(gateway, { stream: false });
          return { status: response.status, body: await response.json() };
        }),
      );
      const refused = answers.filter((answer) => answer.status !== 200);
      for (const answer of refused) expect(answer.body).toHaveProperty('error.code');
      const rows = (await rootLogs(gateway, logged + count)).slice(0, count);
      expectBilledOnce(
        rows.filter((row) => row.type === 'consume'),
        ids.healthy,
      );
      for (const row of rows.filter((each) => each.type === 'error')) {
        expect(row.quota).toBe(0);
        expect(row.content).toMatch(/retry budget|retries are used up/);
      }
      reportFigure(
        `failover burst: ${count} concurrent requests, ${count - refused.length} x 200, ${refused.length} refused by the retry budget (20% of live dispatches, at least 3 retries at once)`,
      );
    },
    TEST_TIMEOUT_MS,
  );
});

describe('every channel failing (SQLite)', () => {
  let gateway: TestGateway;
  const upstreams: FaultUpstream[] = [];
  const maxRetries = 2;

  beforeAll(async () => {
    gateway = await startFaultGateway({ RETRY_TIMES: String(maxRetries) });
    for (const name of ['a', 'b', 'c', 'd']) {
      const upstream = await startFaultUpstream(() => ({ kind: 'server-error', status: 503 }));
      upstreams.push(upstream);
      await addChannel(gateway, { name, baseUrl: channelUrl(upstream) });
    }
  });

  afterAll(async () => {
    await gateway?.close();
    for (const upstream of upstreams) await upstream.close();
  });

  it(
    'stays within the retry budget: at most 1 + RETRY_TIMES attempts per request',
    async () => {
      const count = scaled(10, 100);
      const before = await rootQuota(gateway);
      for (let index = 0; index < count; index++) {
        const response = await chat(gateway, { stream: index % 2 === 1 });
        expect(response.status).toBeGreaterThanOrEqual(500);
        expectOpenAIError(await response.json(), expect.any(String) as unknown as string);
      }
      const sent = upstreams.reduce((sum, upstream) => sum + upstream.requests.length, 0);
      expect(sent).toBeLessThanOrEqual(count * (1 + maxRetries));
      const rows = await rootLogs(gateway, count);
      for (const row of rows) {
        expect(row.type).toBe('error');
        expect(row.attempts!.length).toBeLessThanOrEqual(1 + maxRetries);
      }
      // Nothing was delivered: nothing is billed.
      expect(await rootQuota(gateway)).toBe(before);
      reportFigure(
        `all failing: ${count} requests, ${sent} upstream attempts (cap ${count * (1 + maxRetries)}), 0 billed`,
      );
    },
    TEST_TIMEOUT_MS,
  );
});
