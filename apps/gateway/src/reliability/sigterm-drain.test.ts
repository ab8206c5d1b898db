import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStorage } from '@oneapi/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FaultUpstream, startFaultUpstream } from '../testing/reliability/fault-upstream';
import {
  addProcessChannel,
  creditRoot,
  type GatewayProcess,
  MAIN_MISSING,
  ROOT,
  ROOT_API_KEY,
  readAll,
  startGatewayProcess,
  startStream,
} from '../testing/reliability/gateway-process';
import {
  expectOpenAIError,
  listAllLogs,
  reportFigure,
  scaled,
} from '../testing/reliability/reliability-kit';

const STREAMS = scaled(20, 200);

/**
 * A stream on a raw connection; `pipeline()` then sends a second request on the same
 * connection (busy, so the server's close() keeps it), which thus arrives after SIGTERM.
 */
async function startPipelinedStream(base: string): Promise<{ pipeline(): Promise<string> }> {
  const { hostname, port } = new URL(base);
  const request = (body: object, connection: string) => {
    const text = JSON.stringify(body);
    return (
      `POST /v1/chat/completions HTTP/1.1\r\nhost: ${hostname}\r\n` +
      `authorization: Bearer ${ROOT_API_KEY}\r\ncontent-type: application/json\r\n` +
      `content-length: ${Buffer.byteLength(text)}\r\nconnection: ${connection}\r\n\r\n${text}`
    );
  };
  const messages = [{ role: 'user', content: 'hi' }];
  const socket: Socket = connect(Number(port), hostname);
  await new Promise((resolve) => socket.once('connect', resolve));
  let answer = '';
  const started = new Promise((resolve) => socket.once('data', resolve));
  socket.on('data', (chunk) => (answer += chunk));
  const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.write(request({ model: 'gpt-4o', stream: true, messages }, 'keep-alive'));
  await started;
  return {
    async pipeline() {
      socket.write(request({ model: 'gpt-4o', messages }, 'close'));
      await ended;
      return answer;
    },
  };
}

// The built gateway under streaming load, stopped with SIGTERM (main.sigterm.test.ts covers
// one stream; this is the load version with the refusals and the books).
describe.skipIf(MAIN_MISSING !== undefined)(
  `SIGTERM drain under streaming load${MAIN_MISSING ? ` (skipped: ${MAIN_MISSING})` : ''}`,
  () => {
    let directory: string;
    let upstream: FaultUpstream;
    let gateway: GatewayProcess | undefined;

    beforeAll(async () => {
      directory = mkdtempSync(join(tmpdir(), 'oneapi-drain-'));
      // 14 events x 150 ms: each stream lasts about 2 s.
      upstream = await startFaultUpstream(() => ({ kind: 'answer', chunkDelayMs: 150 }), {
        lifetimeMs: 120_000,
      });
    });

    afterAll(async () => {
      gateway?.child.kill('SIGKILL');
      await upstream?.close();
      rmSync(directory, { recursive: true, force: true });
    });

    it('finishes in-flight streams with [DONE], refuses new work, exits 0, settles all', async () => {
      const sqlitePath = join(directory, 'oneapi.db');
      gateway = await startGatewayProcess({ SQLITE_PATH: sqlitePath, SHUTDOWN_TIMEOUT: '10' });
      const { base } = gateway;
      await addProcessChannel(base, `${upstream.url}/v1`);
      await creditRoot(base, 10_000_000);
      const user = (await (await fetch(`${base}/api/users/1`, { headers: ROOT })).json()) as {
        quota: number;
      };

      const streams = await Promise.all(Array.from({ length: STREAMS }, () => startStream(base)));
      expect(streams.map((response) => response.status)).toEqual(streams.map(() => 200));
      const bodies = streams.map((response) => readAll(response));
      const late = await startPipelinedStream(base);

      const signalledAt = Date.now();
      gateway.child.kill('SIGTERM');
      await expect.poll(() => gateway!.output(), { interval: 10 }).toContain('SIGTERM: draining');
      // A request arriving on a connection kept open (behind a stream): 503 in OpenAI's shape.
      const lateAnswers = late.pipeline();
      // A new connection is refused.
      const refusedAt = Date.now();
      await expect(fetch(`${base}/v1/models`, { headers: ROOT })).rejects.toThrow();
      const refusalMs = Date.now() - refusedAt;

      const texts = await Promise.all(bodies);
      const lateAnswer = await lateAnswers;
      expect(lateAnswer).toContain('data: [DONE]');
      const refusal = lateAnswer.slice(lateAnswer.lastIndexOf('HTTP/1.1 '));
      expect(refusal).toMatch(/^HTTP\/1\.1 503 /);
      expectOpenAIError(
        JSON.parse(refusal.slice(refusal.indexOf('\r\n\r\n') + 4)),
        'shutting_down',
      );
      const lastStreamMs = Date.now() - signalledAt;
      for (const { text, cut } of texts) {
        expect(cut).toBe(false);
        expect(text.trim().endsWith('data: [DONE]')).toBe(true);
      }
      expect(await gateway.exited).toBe(0);
      const exitMs = Date.now() - signalledAt;
      // Not SHUTDOWN_TIMEOUT (10 s): the keep-alive connections close once their streams end.
      expect(exitMs - lastStreamMs).toBeLessThan(2_000);

      const storage = await createStorage({ sqlitePath });
      try {
        expect(await storage.repositories.quotaReservations.countOpen()).toBe(0);
        const consume = await listAllLogs(storage, { userId: 1, type: 'consume' });
        // The streams and the one on the raw connection; the refused request is not billed.
        expect(consume).toHaveLength(STREAMS + 1);
        expect(new Set(consume.map((entry) => entry.requestId)).size).toBe(STREAMS + 1);
        const charged = consume.reduce((total, entry) => total + entry.quota, 0);
        expect(charged).toBeGreaterThan(0);
        expect((await storage.repositories.users.findById(1))!.quota).toBe(user.quota - charged);
      } finally {
        await storage.close();
      }
      reportFigure(
        `SIGTERM drain: ${STREAMS} streams all ended with [DONE], last ${lastStreamMs} ms after ` +
          `the signal; exit 0 after ${exitMs} ms; late request 503 shutting_down; new connection ` +
          `refused in ${refusalMs} ms; ${STREAMS + 1} settled, 0 open`,
      );
    }, 60_000);
  },
);
