import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { type FixtureServer, startFixtureServer } from '@oneapi/adapters/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApiKeyAs,
  createTestGateway,
  jsonRequest,
  type TestGateway,
} from '../../testing/create-test-gateway';
import {
  answerAsAnthropic,
  answerAsGemini,
  answerAsOpenAI,
  RECORDED_SIGNATURE,
} from './gemini-upstreams';

const geminiCli = join(
  dirname(createRequire(import.meta.url).resolve('@google/gemini-cli/package.json')),
  'bundle/gemini.js',
);

// The real Gemini CLI (from npm), non-interactive, offline against 127.0.0.1 with a throwaway
// HOME, through the gateway to each provider family. Each mock upstream first calls a tool
// the CLI does not have, so the CLI answers with an error functionResponse: a whole tool
// round trip, which the mocks refuse unless the result is paired with its call (and, on
// Gemini 3, the call comes back with its thought signature).
describe('Gemini CLI through the gateway', () => {
  let gateway: TestGateway;
  const upstreams: Record<string, FixtureServer> = {};
  let apiKey: string;
  let home: string;

  beforeAll(async () => {
    upstreams.openai = await startFixtureServer(answerAsOpenAI);
    upstreams.anthropic = await startFixtureServer(answerAsAnthropic);
    upstreams.gemini = await startFixtureServer(answerAsGemini);
    gateway = await createTestGateway({
      INITIAL_ROOT_PASSWORD: 'root-password',
      INITIAL_ROOT_ACCESS_TOKEN: 'root-access-token',
    });
    const base = await gateway.listen();
    const admin = async (path: string, body: unknown) => {
      const response = await fetch(
        `${base}${path}`,
        jsonRequest('POST', body, { authorization: 'Bearer root-access-token' }),
      );
      expect(response.status).toBeLessThan(300);
      return (await response.json()) as { id: number };
    };
    const channel = (type: string, baseUrl: string, models: string[], mapping = {}) =>
      admin('/api/channels', {
        type,
        name: type,
        key: `${type}-upstream-key`,
        baseUrl,
        allowPrivateNetwork: true,
        models,
        modelMapping: mapping,
      });
    await channel('openai', `${upstreams.openai.url}/v1`, ['gpt-4o']);
    await channel('anthropic', upstreams.anthropic.url, ['claude-sonnet-4-5']);
    await channel('gemini', upstreams.gemini.url, ['gemini-2.5-pro'], {
      'gemini-2.5-pro': 'gemini-3-pro-preview',
    });
    const { id } = await admin('/api/users', { username: 'dev', password: 'dev-password' });
    await admin(`/api/users/${id}/quota`, {
      amount: 5_000_000,
      idempotencyKey: 'gemini-cli-top-up',
      reason: 'trial',
    });
    apiKey = await createApiKeyAs(base, { username: 'dev', password: 'dev-password' });
    home = mkdtempSync(join(tmpdir(), 'oneapi-gemini-cli-'));
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
    for (const upstream of Object.values(upstreams)) await upstream.close();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  const runGemini = (model: string) =>
    promisify(execFile)(process.execPath, [geminiCli, '-m', model, '-p', 'What is the weather?'], {
      cwd: home,
      timeout: 90_000,
      env: {
        PATH: process.env.PATH,
        HOME: home,
        GEMINI_API_KEY: apiKey,
        GOOGLE_GEMINI_BASE_URL: gateway.url,
        GEMINI_CLI_TRUST_WORKSPACE: 'true',
        GEMINI_CLI_NO_RELAUNCH: 'true',
        NO_COLOR: '1',
      },
    });

  it.each([
    ['an OpenAI', 'gpt-4o', 'openai', '{"city":"San Francisco","units":"c"}'],
    ['an Anthropic', 'claude-sonnet-4-5', 'anthropic', 'Hello there!'],
    ['a Gemini', 'gemini-2.5-pro', 'gemini', 'The capital of Mexico is Mexico City.'],
  ])(
    'answers through %s channel after a tool round trip',
    async (_family, model, upstream, answer) => {
      const before = upstreams[upstream]!.requests.length;
      const { stdout } = await runGemini(model);
      // The last line is the answer after the tool turn (Claude's fixture says something first).
      expect(stdout.trim().split('\n').at(-1)).toBe(answer);
      // The call, then the follow-up with its result (refused by the mock unless paired).
      expect(upstreams[upstream]!.requests.length - before).toBe(2);
      if (upstream === 'gemini') {
        const followUp = JSON.parse(upstreams.gemini!.requests.at(-1)!.body);
        const call = followUp.contents
          .flatMap((content: { parts: object[] }) => content.parts)
          .find((part: { functionCall?: object }) => part.functionCall);
        expect(call.thoughtSignature).toBe(RECORDED_SIGNATURE);
      }
      await expect
        .poll(async () => {
          const { items } = await gateway.services.storage.repositories.logs.list({
            type: 'consume',
          });
          return items.filter((log) => log.model === model).length;
        })
        .toBe(2);
    },
    120_000,
  );
});
