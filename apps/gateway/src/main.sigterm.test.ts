import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FixtureServer, startFixtureServer } from '@oneapi/adapters/testing';
import { createStorage } from '@oneapi/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonRequest } from './testing/create-test-gateway';

const stream = readFileSync(
  new URL('./routes/relay/__fixtures__/chat-stream-include-usage.sse', import.meta.url),
  'utf8',
);
const MAIN = new URL('../dist/main.js', import.meta.url);

// The built gateway, started as an operator starts it, stopped with SIGTERM mid-stream.
describe('SIGTERM drain', () => {
  let directory: string;
  let upstream: FixtureServer;
  let child: ChildProcess;
  let base: string;
  let output = '';

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'oneapi-sigterm-'));
    // A slow stream: each event 150 ms after the previous one.
    const cuts = [...stream.matchAll(/\n\n/g)].map((match) => match.index + 2);
    upstream = await startFixtureServer(() => ({
      headers: { 'content-type': 'text/event-stream' },
      body: stream,
      splitAt: cuts,
      delayMs: 150,
    }));
    child = spawn(process.execPath, [MAIN.pathname], {
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        SQLITE_PATH: join(directory, 'oneapi.db'),
        INITIAL_ROOT_ACCESS_TOKEN: 'root-access-token',
        INITIAL_ROOT_TOKEN: 'sk-roottoken1234567890',
        SHUTDOWN_TIMEOUT: '20',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    const deadline = Date.now() + 15_000;
    while (!/listening on http:\/\/localhost:(\d+)/.test(output)) {
      if (Date.now() > deadline) throw new Error(`The gateway did not start:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    base = `http://127.0.0.1:${/listening on http:\/\/localhost:(\d+)/.exec(output)![1]}`;
    const root = { authorization: 'Bearer root-access-token' };
    const created = await fetch(
      `${base}/api/channels`,
      jsonRequest(
        'POST',
        {
          type: 'openai',
          name: 'slow',
          key: 'k',
          baseUrl: upstream.url,
          allowPrivateNetwork: true,
          models: ['gpt-4o'],
        },
        root,
      ),
    );
    expect(created.status).toBe(201);
    await fetch(
      `${base}/api/users/1/quota`,
      jsonRequest('POST', { amount: 100_000, idempotencyKey: 'credit-1', reason: 'test' }, root),
    );
  });

  afterAll(async () => {
    child?.kill('SIGKILL');
    await upstream?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('lets an in-flight stream finish, refuses new work, settles it and exits 0', async () => {
    const response = await fetch(
      `${base}/v1/chat/completions`,
      jsonRequest(
        'POST',
        { model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: 'x' }] },
        { authorization: 'Bearer sk-roottoken1234567890' },
      ),
    );
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = decoder.decode((await reader.read()).value, { stream: true });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await expect.poll(() => output).toContain('SIGTERM: draining');
    // New connections are refused while the stream goes on.
    await expect(fetch(`${base}/readyz`)).rejects.toThrow();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    expect(text.trim().endsWith('data: [DONE]')).toBe(true);
    expect(await exited).toBe(0);

    const storage = await createStorage({ sqlitePath: join(directory, 'oneapi.db') });
    try {
      expect(await storage.repositories.quotaReservations.countOpen()).toBe(0);
      const { items } = await storage.repositories.logs.list({ type: 'consume' });
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({ isStream: true, promptTokens: 17, completionTokens: 10 });
    } finally {
      await storage.close();
    }
  });
});
