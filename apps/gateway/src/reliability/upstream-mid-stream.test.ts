import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonRequest, type TestGateway } from '../testing/create-test-gateway';
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
  dataFrames,
  ROOT_API_KEY,
  rootLogs,
  rootQuota,
  startFaultGateway,
  waitFor,
} from '../testing/reliability/upstream-fault-kit';

/*
 * After a stream's first event the answer is committed: a failure can no longer fail over.
 * The client must get an OpenAI error event and no [DONE], and the request is billed the
 * prompt plus what was delivered. A client that leaves must not keep the upstream busy.
 */

const INTERRUPTED = 'The upstream closed the stream mid-answer';

describe('an upstream dying after the first byte (SQLite)', () => {
  let gateway: TestGateway;
  let upstream: FaultUpstream;
  let plan: FaultPlan = { kind: 'answer' };
  let logged = 0;

  beforeAll(async () => {
    upstream = await startFaultUpstream(() => plan, { maxHangMs: 10_000 });
    // STREAMING_TIMEOUT in seconds: the idle timeout after the first event.
    gateway = await startFaultGateway({ STREAMING_TIMEOUT: '1' });
    await addChannel(gateway, { name: 'dying', baseUrl: channelUrl(upstream) });
  });

  afterAll(async () => {
    await gateway?.close();
    await upstream?.close();
  });

  /** Streams one chat under `next`; returns its frames and its settled log row. */
  async function streamUnder(next: FaultPlan) {
    plan = next;
    const before = await rootQuota(gateway);
    const started = performance.now();
    const response = await chat(gateway, { stream: true });
    expect(response.status).toBe(200);
    const frames = dataFrames(await response.text());
    const elapsed = performance.now() - started;
    logged += 1;
    const [row] = await rootLogs(gateway, logged);
    return { frames, row: row!, charged: before - (await rootQuota(gateway)), elapsed };
  }

  function expectErrorEnding(frames: readonly string[], code: RegExp) {
    expect(frames).not.toContain('[DONE]');
    const last = JSON.parse(frames.at(-1)!) as { error?: { code?: string; message?: string } };
    expect(last.error).toMatchObject({ message: expect.any(String), type: expect.any(String) });
    expect(last.error!.code).toMatch(code);
    // Content was delivered before the error.
    expect(frames.some((frame) => frame.includes('"content"'))).toBe(true);
  }

  function expectBilledForDelivery(
    row: { quota: number; promptTokens: number; completionTokens: number },
    charged: number,
  ) {
    expect(row.promptTokens).toBeGreaterThan(0);
    expect(row.completionTokens).toBeGreaterThan(0);
    expect(row.quota).toBeGreaterThan(0);
    expect(charged).toBe(row.quota);
  }

  it(
    'a reset after 3 events ends the stream with an error event, billed prompt + delivered',
    async () => {
      const { frames, row, charged, elapsed } = await streamUnder({
        kind: 'reset-after-chunks',
        chunks: 3,
      });
      expectErrorEnding(frames, /^upstream_stream_interrupted$/);
      // Says what happened: the upstream was reached and cut its answer off.
      expect(JSON.parse(frames.at(-1)!).error.message).toBe(INTERRUPTED);
      expectBilledForDelivery(row, charged);
      reportFigure(
        `reset after 3 events: error event "${JSON.parse(frames.at(-1)!).error.code}", no [DONE], billed ${row.promptTokens} + ${row.completionTokens} tokens (estimated: ${row.usageEstimated}), ${elapsed.toFixed(0)} ms`,
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'a reset after 3 events reaches an Anthropic client as an error event saying so',
    async () => {
      plan = { kind: 'reset-after-chunks', chunks: 3 };
      const before = await rootQuota(gateway);
      const response = await fetch(`${gateway.url}/v1/messages`, {
        ...jsonRequest(
          'POST',
          {
            model: 'gpt-4o',
            max_tokens: 64,
            stream: true,
            messages: [{ role: 'user', content: 'Say hello in five words.' }],
          },
          { authorization: `Bearer ${ROOT_API_KEY}` },
        ),
      });
      expect(response.status).toBe(200);
      const events = (await response.text()).split('\n\n').filter((frame) => frame.trim());
      logged += 1;
      expect(events.some((frame) => frame.startsWith('event: content_block_delta'))).toBe(true);
      expect(events.some((frame) => frame.startsWith('event: message_stop'))).toBe(false);
      const last = events.at(-1)!;
      expect(last.split('\n')[0]).toBe('event: error');
      expect(JSON.parse(last.split('\n')[1]!.slice('data: '.length))).toEqual({
        type: 'error',
        error: { type: 'api_error', message: INTERRUPTED },
      });
      const [row] = await rootLogs(gateway, logged);
      expectBilledForDelivery(row!, before - (await rootQuota(gateway)));
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'silence past the idle timeout ends the stream with upstream_timeout, billed prompt + delivered',
    async () => {
      const { frames, row, charged, elapsed } = await streamUnder({
        kind: 'hang-after-headers',
        afterChunks: 3,
      });
      expectErrorEnding(frames, /^upstream_timeout$/);
      expectBilledForDelivery(row, charged);
      expect(elapsed).toBeLessThan(3_000);
      // The gateway let go of the hung upstream request.
      await waitFor(() => upstream.inFlight() === 0, 1_000);
      reportFigure(
        `silence after 3 events, STREAMING_TIMEOUT=1: upstream_timeout event after ${elapsed.toFixed(0)} ms, billed ${row.promptTokens} + ${row.completionTokens} tokens`,
      );
    },
    TEST_TIMEOUT_MS,
  );
});

describe('a client leaving mid-stream (SQLite)', () => {
  let gateway: TestGateway;
  let upstream: FaultUpstream;
  let plan: FaultPlan = { kind: 'answer' };
  let logged = 0;

  beforeAll(async () => {
    upstream = await startFaultUpstream(() => plan, { maxHangMs: 10_000 });
    gateway = await startFaultGateway();
    await addChannel(gateway, { name: 'slow', baseUrl: channelUrl(upstream) });
  });

  afterAll(async () => {
    await gateway?.close();
    await upstream?.close();
  });

  /** Reads `events` content frames, then aborts; returns how long the upstream kept the request. */
  async function leaveAfter(next: FaultPlan, events: number) {
    plan = next;
    const before = await rootQuota(gateway);
    const leaving = new AbortController();
    // A client of its own, closed after: undici opens a spare connection after an abort, and
    // one that never sends a request keeps the gateway's server.close() waiting.
    const client = new Agent();
    const response = await chat(gateway, {
      stream: true,
      signal: leaving.signal,
      dispatcher: client,
    });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    while (dataFrames(text).filter((frame) => frame.includes('"content"')).length < events) {
      const { value, done } = await reader.read();
      if (done) throw new Error('the stream ended before the client left');
      text += decoder.decode(value, { stream: true });
    }
    expect(upstream.inFlight()).toBe(1);
    leaving.abort();
    const closedWithinMs = await waitFor(() => upstream.inFlight() === 0, 5_000);
    await client.destroy();
    logged += 1;
    const [row] = await rootLogs(gateway, logged);
    return { closedWithinMs, row: row!, charged: before - (await rootQuota(gateway)) };
  }

  // The client leaves after two events, with the upstream still sending or gone silent.
  it.each([
    { state: 'sending', plan: { kind: 'answer', chunkDelayMs: 200 } as const },
    { state: 'silent', plan: { kind: 'hang-after-headers', afterChunks: 3 } as const },
  ])(
    'while the upstream is $state: aborted within 1 s, billed what was delivered',
    async ({ state, plan }) => {
      const { closedWithinMs, row, charged } = await leaveAfter(plan, 2);
      expect(closedWithinMs).toBeLessThan(1_000);
      expect(row.completionTokens).toBeGreaterThan(0);
      expect(row.quota).toBeGreaterThan(0);
      expect(charged).toBe(row.quota);
      reportFigure(
        `client left a ${state} stream: upstream closed after ${closedWithinMs.toFixed(0)} ms, billed ${row.promptTokens} + ${row.completionTokens} tokens`,
      );
    },
    TEST_TIMEOUT_MS,
  );
});
