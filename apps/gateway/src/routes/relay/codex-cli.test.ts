import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { FixtureServer } from '@oneapi/adapters/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockAnthropic } from '../../testing/mock-anthropic-upstream';
import { answerAsAnthropic, RECORDED_THINKING } from './claude-code-upstreams';
import { type ResponsesTestbed, startResponsesTestbed } from './responses-testbed';

const codexCli = join(
  dirname(createRequire(import.meta.url).resolve('@openai/codex/package.json')),
  'bin/codex.js',
);

/** The recorded call the OpenAI mock asks for (responses-stream-function-call.sse). */
const RECORDED_CALL_ID = 'call_kL0PCQV7M2WMoVX8V8OtYSAL';

type Item = { type?: string; call_id?: string; output?: unknown };

// The real Codex CLI (from npm, its native binary), non-interactive (`codex exec`), offline
// against 127.0.0.1 with a throwaway CODEX_HOME whose config.toml points a Responses model
// provider at the gateway, through it to each provider family. Each mock upstream first asks
// for a call to a tool Codex does not have, so Codex answers with a function_call_output
// saying so: a whole tool round trip, which the mocks refuse unless the output is paired
// with its call.
describe('Codex CLI through the gateway', () => {
  let testbed: ResponsesTestbed;
  let upstreams: ResponsesTestbed['upstreams'];
  let home: string;
  // Claude with thinking on: refuses the tool turn unless its signed thinking came back.
  let thinking: FixtureServer;

  beforeAll(async () => {
    testbed = await startResponsesTestbed();
    upstreams = testbed.upstreams;
    thinking = await startMockAnthropic({
      apiKey: 'anthropic-upstream-key',
      answer: answerAsAnthropic('README.md'),
    });
    await testbed.addChannel('anthropic', thinking.url, ['claude-opus-4-1']);
    home = mkdtempSync(join(tmpdir(), 'oneapi-codex-'));
    // As docs/agents.md tells users to write it.
    writeFileSync(
      join(home, 'config.toml'),
      [
        'model_provider = "oneapi"',
        // Codex offers OpenAI's hosted web search by default; only OpenAI channels run it.
        'web_search = "disabled"',
        'check_for_update_on_startup = false',
        '[analytics]',
        'enabled = false',
        '[model_providers.oneapi]',
        'name = "oneapi"',
        `base_url = "${testbed.gateway.url}/v1"`,
        'wire_api = "responses"',
        'env_key = "ONEAPI_API_KEY"',
        '',
      ].join('\n'),
    );
  });

  afterAll(async () => {
    await testbed?.close();
    await thinking?.close();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  const runCodex = (model: string, config: string[] = []) => {
    const run = promisify(execFile)(
      process.execPath,
      [
        codexCli,
        'exec',
        '--strict-config',
        '--skip-git-repo-check',
        ...config.flatMap((setting) => ['-c', setting]),
        '-m',
        model,
        'What is the weather?',
      ],
      {
        cwd: home,
        timeout: 90_000,
        env: {
          PATH: process.env.PATH,
          HOME: home,
          CODEX_HOME: home,
          ONEAPI_API_KEY: testbed.apiKey,
          NO_COLOR: '1',
        },
      },
    );
    // Codex reads a prompt from stdin while it is open.
    run.child.stdin?.end();
    return run;
  };

  it.each([
    ['an OpenAI (passthrough)', 'gpt-4o', 'openai', 'Hello'],
    [
      'a chat-only OpenAI-compatible',
      'deepseek-chat',
      'deepseek',
      '{"city":"San Francisco","units":"c"}',
    ],
    ['an Anthropic', 'claude-sonnet-4-5', 'anthropic', 'Hello there!'],
    ['a Gemini', 'gemini-2.5-pro', 'gemini', 'The capital of Mexico is Mexico City.'],
  ])(
    'answers through %s channel after a tool round trip',
    async (_family, model, upstream, answer) => {
      const before = upstreams[upstream]!.requests.length;
      const { stdout } = await runCodex(model);
      // stdout is the last agent message: the answer after the tool turn.
      expect(stdout.trim().split('\n').at(-1)).toBe(answer);
      // The call, then the follow-up with its output (refused by the mock unless paired).
      expect(upstreams[upstream]!.requests.length - before).toBe(2);
      if (upstream === 'openai') {
        const followUp = JSON.parse(upstreams.openai!.requests.at(-1)!.body) as {
          input: Item[];
          store?: boolean;
        };
        // Passed through: Codex's own Responses items, not a chat translation.
        expect(followUp.input.at(-1)).toMatchObject({
          type: 'function_call_output',
          call_id: RECORDED_CALL_ID,
        });
        expect(followUp.store).toBe(false);
      }
      await expect.poll(async () => (await testbed.consumeLogs(model)).length).toBe(2);
    },
    120_000,
  );

  it('keeps Claude’s signed thinking across the tool turn with a reasoning effort set', async () => {
    const { stdout } = await runCodex('claude-opus-4-1', ['model_reasoning_effort="medium"']);
    expect(stdout.trim().split('\n').at(-1)).toBe('Hello there!');
    const [first, followUp] = thinking.requests.map(
      (request) => JSON.parse(request.body) as Record<string, unknown>,
    );
    expect(first!.thinking).toMatchObject({ type: 'enabled' });
    // The tool turn (refused by the mock without it) opens with the block as Anthropic signed it.
    const turns = followUp!.messages as Array<{ role: string; content: unknown[] }>;
    expect(turns.findLast((turn) => turn.role === 'assistant')!.content[0]).toEqual(
      RECORDED_THINKING,
    );
  }, 120_000);
});
