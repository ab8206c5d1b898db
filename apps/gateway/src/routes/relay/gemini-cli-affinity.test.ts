import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { type FixtureServer, startFixtureServer } from '@oneapi/adapters/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestGateway,
  jsonRequest,
  type TestGateway,
} from '../../testing/create-test-gateway';
import { answerAsOpenAI } from './gemini-upstreams';

const geminiCli = join(
  dirname(createRequire(import.meta.url).resolve('@google/gemini-cli/package.json')),
  'bundle/gemini.js',
);
const API_KEY = 'sk-roottoken1234567890';

// The real Gemini CLI (from npm) keeps to one channel of three when it names its session:
// with an API key it sends no session id of its own, so the session is the header it is told
// to add (GEMINI_CLI_CUSTOM_HEADERS). Each run is a tool round trip: two upstream requests.
describe('Gemini CLI sessions through the gateway keep to one channel', () => {
  let gateway: TestGateway;
  const upstreams: FixtureServer[] = [];
  let home: string;

  beforeAll(async () => {
    gateway = await createTestGateway({
      INITIAL_ROOT_ACCESS_TOKEN: 'root-access-token',
      INITIAL_ROOT_TOKEN: API_KEY,
    });
    const base = await gateway.listen();
    for (let i = 0; i < 3; i++) {
      const upstream = await startFixtureServer(answerAsOpenAI);
      upstreams.push(upstream);
      const created = await fetch(
        `${base}/api/channels`,
        jsonRequest(
          'POST',
          {
            type: 'openai',
            name: `openai-${i}`,
            key: `sk-upstream-${i}`,
            baseUrl: `${upstream.url}/v1`,
            allowPrivateNetwork: true,
            models: ['gpt-4o'],
          },
          { authorization: 'Bearer root-access-token' },
        ),
      );
      expect(created.status).toBe(201);
    }
    const topUp = await fetch(
      `${base}/api/users/1/quota`,
      jsonRequest(
        'POST',
        { amount: 10_000_000, idempotencyKey: 'gemini-affinity', reason: 'test' },
        { authorization: 'Bearer root-access-token' },
      ),
    );
    expect(topUp.status).toBe(201);
    home = mkdtempSync(join(tmpdir(), 'oneapi-gemini-affinity-'));
    mkdirSync(join(home, '.gemini'));
    writeFileSync(
      join(home, '.gemini', 'settings.json'),
      JSON.stringify({
        security: { auth: { selectedType: 'gemini-api-key' } },
        privacy: { usageStatisticsEnabled: false },
        telemetry: { enabled: false },
        general: { disableAutoUpdate: true, disableUpdateNag: true },
      }),
    );
  });

  afterAll(async () => {
    await gateway?.close();
    for (const upstream of upstreams) await upstream.close();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  const runGemini = (session: string) =>
    promisify(execFile)(process.execPath, [geminiCli, '-m', 'gpt-4o', '-p', 'Weather?'], {
      cwd: home,
      timeout: 90_000,
      env: {
        PATH: process.env.PATH,
        HOME: home,
        GEMINI_API_KEY: API_KEY,
        GOOGLE_GEMINI_BASE_URL: gateway.url,
        GEMINI_CLI_CUSTOM_HEADERS: `x-session-id: ${session}`,
        GEMINI_CLI_TRUST_WORKSPACE: 'true',
        GEMINI_CLI_NO_RELAUNCH: 'true',
        NO_COLOR: '1',
      },
    });

  it('sends three runs (six requests) of one session to one channel', async () => {
    const before = upstreams.map((upstream) => upstream.requests.length);
    for (let run = 0; run < 3; run++) await runGemini('5b0c2f4e-gemini-session');
    const served = upstreams.map((upstream, i) => upstream.requests.length - (before[i] ?? 0));
    // Spread by weight instead, all six on one of three channels has odds of 1 in 243.
    expect(
      served.filter((count) => count > 0),
      `served ${served.join(':')}`,
    ).toEqual([6]);
    // The upstream never sees the session header: it is the client's word to the gateway.
    const last = upstreams.flatMap((upstream) => upstream.requests).at(-1);
    expect(last?.headers['x-session-id']).toBeUndefined();
  }, 300_000);
});
