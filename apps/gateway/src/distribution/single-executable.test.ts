import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonRequest } from '../testing/create-test-gateway';
import {
  cleanEnv,
  DISTRIBUTION_ENABLED,
  distributionSuiteTitle,
  GATEWAY_DIR,
  reportFigure,
  run,
  type StartedGateway,
  startGateway,
} from '../testing/distribution/distribution-kit';
import { type FaultUpstream, startFaultUpstream } from '../testing/reliability/fault-upstream';

/*
 * The single executable (scripts/build-sea.mjs) as a user runs it: built, started in an empty
 * directory with nothing else installed, set up over the admin API as docs/admin-api.md
 * shows, and used by the official openai client for a streamed chat.
 */

const BUILD_TIMEOUT_MS = 5 * 60_000;
const PASSWORD = 'root-password-for-sea';

describe.skipIf(!DISTRIBUTION_ENABLED)(distributionSuiteTitle('the single executable'), () => {
  let work: string;
  let executable: string;
  let upstream: FaultUpstream | undefined;
  let gateway: StartedGateway | undefined;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'oneapi-sea-'));
    const started = performance.now();
    await run(process.execPath, ['scripts/build-sea.mjs', '--out-dir', join(work, 'sea')], {
      cwd: GATEWAY_DIR,
      timeoutMs: BUILD_TIMEOUT_MS,
    });
    executable = join(work, 'sea', process.platform === 'win32' ? 'oneapi.exe' : 'oneapi');
    reportFigure(
      `build:sea took ${((performance.now() - started) / 1000).toFixed(1)} s; the executable is ${(statSync(executable).size / 1024 / 1024).toFixed(1)} MiB`,
    );
    upstream = await startFaultUpstream(() => ({ kind: 'answer' }));
  }, BUILD_TIMEOUT_MS + 30_000);

  afterAll(async () => {
    await gateway?.stop();
    await upstream?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  }, 60_000);

  /** In an empty directory: the database goes to ./data, the unpacked files to the cache. */
  const start = () => {
    mkdirSync(join(work, 'run'), { recursive: true });
    return startGateway(executable, ['start'], {
      cwd: join(work, 'run'),
      env: cleanEnv({
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        XDG_CACHE_HOME: join(work, 'cache'),
      }),
    });
  };

  it('is set up, relays a streamed chat to the openai client, and stops on SIGTERM', async () => {
    gateway = await start();
    reportFigure(
      `first start (unpacking the addon and dashboard): healthy after ${gateway.startupMs.toFixed(0)} ms`,
    );
    const base = gateway.baseUrl;

    const setup = await fetch(
      `${base}/api/setup`,
      jsonRequest('POST', { setupToken: gateway.setupToken, username: 'root', password: PASSWORD }),
    );
    expect(setup.status).toBe(201);
    const login = await fetch(
      `${base}/api/auth/login`,
      jsonRequest('POST', { username: 'root', password: PASSWORD }),
    );
    expect(login.status).toBe(200);
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const session = {
      cookie: login.headers.get('set-cookie')!.split(';')[0]!,
      'x-csrf-token': csrfToken,
    };
    const created = await fetch(
      `${base}/api/user/self/access-token`,
      jsonRequest('POST', undefined, session),
    );
    const { accessToken } = (await created.json()) as { accessToken: string };
    const root = { authorization: `Bearer ${accessToken}` };
    const admin = async (path: string, body: unknown) => {
      const response = await fetch(`${base}${path}`, jsonRequest('POST', body, root));
      expect(response.status, `${path}: ${await response.clone().text()}`).toBe(201);
      return response.json() as Promise<Record<string, unknown>>;
    };
    await admin('/api/users/1/quota', {
      amount: 1_000_000,
      idempotencyKey: 'sea-test-credit',
      reason: 'test',
    });
    await admin('/api/channels', {
      type: 'openai',
      name: 'mock',
      key: 'sk-upstream',
      baseUrl: `${upstream!.url}/v1`,
      allowPrivateNetwork: true,
      models: ['gpt-4o'],
    });
    const { key } = await admin('/api/tokens', { name: 'sea', unlimitedQuota: true });

    const client = new OpenAI({ baseURL: `${base}/v1`, apiKey: String(key), maxRetries: 0 });
    const stream = await client.chat.completions.create({
      model: 'gpt-4o',
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'Say hello in five words.' }],
    });
    let text = '';
    let totalTokens = 0;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      totalTokens = chunk.usage?.total_tokens ?? totalTokens;
    }
    expect(text.length).toBeGreaterThan(0);
    expect(totalTokens).toBeGreaterThan(0);
    expect(upstream!.requests.at(-1)).toMatchObject({ stream: true, key: 'sk-upstream' });

    // Counted here (no Anthropic channel serves the model) by the token worker, from the
    // tokenizer bundle the executable unpacks: the count the package makes anywhere else.
    const counted = await fetch(
      `${base}/v1/messages/count_tokens`,
      jsonRequest(
        'POST',
        {
          model: 'gpt-4o',
          messages: [{ role: 'user', content: 'How many tokens is this question?' }],
        },
        { 'x-api-key': String(key) },
      ),
    );
    expect(await counted.json()).toEqual({ input_tokens: 13 });
    expect(readdirSync(join(work, 'cache', 'oneapi'))).toContainEqual(
      expect.stringMatching(/^tokenizer-[0-9a-f]{16}\.cjs$/),
    );

    // The dashboard, from the executable's own assets.
    const page = await fetch(`${base}/`);
    expect(await page.text()).toMatch(/<!doctype html>[\s\S]*<script type="module"/i);

    const exitCode = await gateway.stop();
    gateway = undefined;
    expect(exitCode).toBe(0);
  }, 60_000);

  it('starts again from its unpacked files, on the same database', async () => {
    gateway = await start();
    reportFigure(
      `second start (files already unpacked): healthy after ${gateway.startupMs.toFixed(0)} ms`,
    );
    expect(gateway.setupToken).toBe('');
    const status = await fetch(`${gateway.baseUrl}/api/status`);
    expect(await status.json()).toMatchObject({ setupRequired: false });
    expect(await gateway.stop()).toBe(0);
    gateway = undefined;
  }, 60_000);
});
