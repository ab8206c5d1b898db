import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
import { startMockAnthropic } from '../../testing/mock-anthropic-upstream';
import {
  answerAsAnthropic,
  answerAsBedrockConverse,
  answerAsDeepSeek,
  answerAsGemini,
  answerAsOpenAI,
  RECORDED_CONVERSE_TEXT,
  RECORDED_REASONER_ANSWER,
  RECORDED_REASONING,
  RECORDED_SIGNATURE,
  RECORDED_THINKING,
} from './claude-code-upstreams';

// The npm package's wrapper finds the platform's native binary (an optional dependency) and
// runs it: the package's postinstall, which would copy the binary over the wrapper, is not
// run by pnpm (not in onlyBuiltDependencies).
const claudeCode = join(
  dirname(createRequire(import.meta.url).resolve('@anthropic-ai/claude-code/package.json')),
  'cli-wrapper.cjs',
);

const UPSTREAM_KEY = 'sk-upstream-claude-code-3f9a';
const TOKEN = 'okapi-7f3c-in-the-file';
const run = promisify(execFile);
const BEDROCK_MODEL = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
/** A model Bedrock serves through Converse (not Claude, so not passed through). */
const CONVERSE_MODEL = 'amazon.nova-pro-v1:0';

/** The slice of an upstream request body the assertions read, whatever its wire format. */
interface UpstreamBody {
  readonly model?: string;
  readonly messages?: Array<{ role: string; content: unknown[] }>;
  readonly contents?: Array<{ parts: Array<{ functionCall?: object; thoughtSignature?: string }> }>;
  readonly thinking?: unknown;
  readonly output_config?: { effort?: string };
  readonly reasoning_effort?: string;
  readonly max_tokens?: number;
  readonly max_completion_tokens?: number;
  readonly generationConfig?: { thinkingConfig?: unknown };
  readonly inferenceConfig?: { maxTokens?: number };
  readonly additionalModelRequestFields?: unknown;
}

interface Upstream {
  readonly server: FixtureServer;
  /** The request bodies it received for one model, in order. */
  bodies(model: string): UpstreamBody[];
}

/**
 * The real Claude Code (from npm), non-interactive and offline against 127.0.0.1 with a
 * throwaway HOME, through the gateway to each provider family with thinking on. Each mock
 * upstream first calls Claude Code's Read tool on a file in its working directory, then
 * answers once the file's content comes back: a whole tool round trip, which the mocks
 * refuse where the real APIs would (a tool turn that lost its thinking block, max_tokens on
 * a reasoning model, reasoning_effort on a chat model, more output than the model allows, a
 * role the API does not have, a Gemini 3 call without its thought signature, a tool result
 * that answers no call, a key other than the channel's).
 */
describe('Claude Code through the gateway', () => {
  let gateway: TestGateway;
  const upstreams: Record<string, Upstream> = {};
  let apiKey: string;
  let home: string;

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'oneapi-claude-code-'));
    const file = join(home, 'note.txt');
    writeFileSync(file, `${TOKEN}\n`);
    const byModel = (
      server: FixtureServer,
      modelOf: (url: string, body: UpstreamBody) => string | undefined,
    ) => ({
      server,
      bodies: (model: string) =>
        server.requests
          .map((request) => JSON.parse(request.body) as UpstreamBody)
          .filter((body, index) => modelOf(server.requests[index]!.url, body) === model),
    });
    const fromBody = (_url: string, body: UpstreamBody) => body.model;
    const fromUrl = (url: string) => decodeURIComponent(/\/models?\/([^/:]+)/.exec(url)![1]!);
    upstreams.anthropic = byModel(
      await startMockAnthropic({ apiKey: UPSTREAM_KEY, answer: answerAsAnthropic(file) }),
      fromBody,
    );
    upstreams.bedrock = byModel(
      await startMockAnthropic({
        apiKey: UPSTREAM_KEY,
        answer: answerAsAnthropic(file),
        dialect: 'bedrock',
      }),
      fromUrl,
    );
    upstreams['bedrock-converse'] = byModel(
      await startFixtureServer(answerAsBedrockConverse(file, UPSTREAM_KEY)),
      fromUrl,
    );
    upstreams.openai = byModel(
      await startFixtureServer(answerAsOpenAI(file, UPSTREAM_KEY)),
      fromBody,
    );
    upstreams.deepseek = byModel(
      await startFixtureServer(answerAsDeepSeek(UPSTREAM_KEY)),
      fromBody,
    );
    upstreams.gemini = byModel(
      await startFixtureServer(answerAsGemini(file, UPSTREAM_KEY)),
      fromUrl,
    );

    gateway = await createTestGateway({ INITIAL_ROOT_ACCESS_TOKEN: 'root-access-token' });
    const base = await gateway.listen();
    const admin = async (method: string, path: string, body: unknown) => {
      const response = await fetch(
        `${base}${path}`,
        jsonRequest(method, body, { authorization: 'Bearer root-access-token' }),
      );
      expect(response.status).toBeLessThan(300);
      return (await response.json()) as { id: number };
    };
    const channel = (type: string, baseUrl: string, models: string[], extra = {}) =>
      admin('POST', '/api/channels', {
        type,
        name: type,
        key: UPSTREAM_KEY,
        baseUrl,
        allowPrivateNetwork: true,
        models,
        ...extra,
      });
    await channel('anthropic', upstreams.anthropic.server.url, ['claude-opus-5-5']);
    await channel('bedrock', upstreams.bedrock.server.url, ['claude-sonnet-4-5'], {
      modelMapping: { 'claude-sonnet-4-5': BEDROCK_MODEL },
      config: { region: 'us-east-1', authMode: 'api-key' },
    });
    await channel('bedrock', upstreams['bedrock-converse'].server.url, [CONVERSE_MODEL], {
      name: 'bedrock-converse',
      config: { region: 'us-east-1', authMode: 'api-key' },
    });
    await channel('openai', `${upstreams.openai.server.url}/v1`, [
      'gpt-4o',
      'gpt-5',
      'gpt-3.5-turbo',
    ]);
    await channel('deepseek', upstreams.deepseek.server.url, ['deepseek-reasoner']);
    await channel('gemini', upstreams.gemini.server.url, [
      'gemini-2.5-pro',
      'gemini-3-pro-preview',
    ]);
    // Claude Code's default model, Gemini 3 and Nova are not in the default price list.
    for (const model of ['claude-opus-5-5', 'gemini-3-pro-preview', CONVERSE_MODEL])
      await admin('PUT', `/api/prices/models/${model}`, { modelRatio: 1, completionRatio: 4 });
    const { id } = await admin('POST', '/api/users', {
      username: 'dev',
      password: 'dev-password',
    });
    await admin('POST', `/api/users/${id}/quota`, {
      amount: 50_000_000,
      idempotencyKey: 'claude-code-top-up',
      reason: 'trial',
    });
    apiKey = await createApiKeyAs(base, { username: 'dev', password: 'dev-password' });
  });

  afterAll(async () => {
    await gateway?.close();
    for (const upstream of Object.values(upstreams)) await upstream.server.close();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  interface ClaudeCodeResult {
    readonly result: string;
    readonly is_error: boolean;
    readonly api_error_status?: number | null;
    readonly api_error_type?: string;
    readonly terminal_reason?: string;
  }

  // Claude Code exits 1 when the answer is an error, its output on stdout all the same.
  /** Claude Code's output, in `--output-format` json (one result) or stream-json (events). */
  const runClaudeCodeFor = async (
    model: string,
    env: Record<string, string>,
    format: 'json' | 'stream-json',
  ) => {
    const running = run(
      process.execPath,
      [
        claudeCode,
        '-p',
        'What does note.txt say?',
        '--model',
        model,
        '--output-format',
        format,
        ...(format === 'stream-json' ? ['--verbose'] : []),
        '--allowedTools',
        'Read',
      ],
      {
        cwd: home,
        timeout: 60_000,
        env: {
          PATH: process.env.PATH,
          HOME: home,
          CLAUDE_CONFIG_DIR: join(home, '.claude'),
          ANTHROPIC_BASE_URL: gateway.url,
          ANTHROPIC_API_KEY: apiKey,
          CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
          DISABLE_AUTOUPDATER: '1',
          ...env,
        },
      },
    );
    // An open stdin makes Claude Code wait 3 s for piped input before it starts.
    running.child.stdin?.end();
    const stdout = await running.then(
      (done) => done.stdout,
      (error: { stdout?: string }) => {
        if (!error.stdout) throw error;
        return error.stdout;
      },
    );
    return stdout;
  };
  const runClaudeCode = async (model: string, env: Record<string, string>) =>
    JSON.parse(await runClaudeCodeFor(model, env, 'json')) as ClaudeCodeResult;

  /** How many requests for the model were billed (a consume log row with quota). */
  const billedRequests = async (model: string) => {
    const { items } = await gateway.services.storage.repositories.logs.list({ type: 'consume' });
    return items.filter((log) => log.model === model && log.quota > 0).length;
  };

  /** The tool result Claude Code sent back, in whichever shape the upstream speaks. */
  const toolResultOf = (body: UpstreamBody): string =>
    JSON.stringify(body.messages?.at(-1) ?? body.contents?.at(-1));

  it.each([
    // [upstream, model Claude Code asks for, its environment, the upstream's final text]
    ['anthropic', 'claude-opus-5-5', {}, 'Hello there!'],
    ['bedrock', 'claude-sonnet-4-5', { MAX_THINKING_TOKENS: '8000' }, 'Hello there!'],
    // gpt-4o allows 16,384 output tokens; Claude Code asks 32,000 unless told.
    [
      'openai',
      'gpt-4o',
      { CLAUDE_CODE_MAX_OUTPUT_TOKENS: '16384' },
      '{"city":"San Francisco","units":"c"}',
    ],
    ['openai', 'gpt-5', {}, '{"city":"San Francisco","units":"c"}'],
    ['gemini', 'gemini-2.5-pro', {}, 'The capital of Mexico is Mexico City.'],
    ['gemini', 'gemini-3-pro-preview', {}, 'The capital of Mexico is Mexico City.'],
    ['bedrock-converse', CONVERSE_MODEL, {}, RECORDED_CONVERSE_TEXT],
  ] as const)(
    'through the %s channel: %s, with thinking on and a tool round trip',
    async (upstream, model, env, answer) => {
      const upstreamModel = upstream === 'bedrock' ? BEDROCK_MODEL : model;
      const before = upstreams[upstream]!.bodies(upstreamModel).length;
      const billedBefore = await billedRequests(model);
      const output = await runClaudeCode(model, env);
      expect(output).toMatchObject({ result: answer, is_error: false });
      const [call, followUp, ...more] = upstreams[upstream]!.bodies(upstreamModel).slice(before);
      expect(more).toEqual([]);
      // The Read tool ran: the file's content came back as the tool result.
      expect(toolResultOf(followUp!)).toContain(TOKEN);
      expect(reasoningControls(upstream, call!)).toEqual(EXPECTED_CONTROLS[model]);
      if (upstream === 'anthropic' || upstream === 'bedrock') {
        // Passed through: the signed thinking block went back as it was issued.
        const assistant = followUp!.messages!.findLast((turn) => turn.role === 'assistant');
        expect(assistant!.content[0]).toEqual(RECORDED_THINKING);
      }
      if (model === 'gemini-3-pro-preview') {
        const parts = followUp!.contents!.flatMap((content) => content.parts);
        expect(parts.find((part) => part.functionCall)!.thoughtSignature).toBe(RECORDED_SIGNATURE);
      }
      // Both turns billed.
      await expect.poll(() => billedRequests(model)).toBe(billedBefore + 2);
    },
    90_000,
  );

  it("shows Claude Code a DeepSeek reasoner's reasoning as a thinking block", async () => {
    const events = (await runClaudeCodeFor('deepseek-reasoner', {}, 'stream-json'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; message?: { content: unknown[] } });
    const blocks = events
      .filter((event) => event.type === 'assistant')
      .flatMap((event) => event.message!.content as Array<{ type: string; thinking?: string }>);
    expect(blocks.find((block) => block.type === 'thinking')?.thinking).toBe(RECORDED_REASONING);
    expect(events.at(-1)).toMatchObject({ type: 'result', result: RECORDED_REASONER_ANSWER });
    expect(upstreams.deepseek!.bodies('deepseek-reasoner')).toHaveLength(1);
  }, 90_000);

  it('words a context-length refusal as Anthropic does, so Claude Code reads its counts', async () => {
    // The recorded gpt-3.5-turbo refusal: 4,294 tokens asked, 4,097 allowed.
    const output = await runClaudeCode('gpt-3.5-turbo', { CLAUDE_CODE_MAX_OUTPUT_TOKENS: '4096' });
    expect(output).toMatchObject({
      is_error: true,
      api_error_status: 400,
      terminal_reason: 'prompt_too_long',
    });
    // In OpenAI's words Claude Code sees only that the provider refused; in Anthropic's it
    // reads how far over the window the request is.
    expect(output.result).toContain('~4294 tokens (limit 4097)');
    expect(upstreams.openai!.bodies('gpt-3.5-turbo')).toHaveLength(1);
  }, 90_000);

  it("shows Claude Code any other upstream refusal in the provider's words", async () => {
    // gpt-4o allows 16,384 output tokens; Claude Code asks 32,000 unless told otherwise.
    const output = await runClaudeCode('gpt-4o', {});
    expect(output).toMatchObject({
      is_error: true,
      api_error_status: 400,
      api_error_type: 'invalid_request_error',
    });
    expect(output.result).toContain(
      'max_tokens is too large: 32000. This model supports at most 16384 completion tokens',
    );
  }, 90_000);
});

/** The reasoning controls an upstream received, in its own vocabulary. */
function reasoningControls(upstream: string, body: UpstreamBody) {
  if (upstream === 'openai')
    return {
      reasoning_effort: body.reasoning_effort,
      max_tokens: body.max_tokens,
      max_completion_tokens: body.max_completion_tokens,
    };
  if (upstream === 'gemini') return body.generationConfig?.thinkingConfig;
  if (upstream === 'bedrock-converse')
    return {
      maxTokens: body.inferenceConfig?.maxTokens,
      fields: body.additionalModelRequestFields,
    };
  return { thinking: body.thinking, effort: body.output_config?.effort };
}

const EXPECTED_CONTROLS: Record<string, unknown> = {
  // Claude Code's own: adaptive thinking at its effort, as it wrote them.
  'claude-opus-5-5': { thinking: { type: 'adaptive', display: 'omitted' }, effort: 'medium' },
  'claude-sonnet-4-5': {
    thinking: { type: 'enabled', budget_tokens: 8000, display: 'omitted' },
    effort: undefined,
  },
  // A chat model takes no reasoning effort; a reasoning model no max_tokens.
  'gpt-4o': { reasoning_effort: undefined, max_tokens: 16_384, max_completion_tokens: undefined },
  'gpt-5': { reasoning_effort: 'high', max_tokens: undefined, max_completion_tokens: 32_000 },
  // Adaptive thinking at Claude Code's effort (high) as each generation's control.
  'gemini-2.5-pro': { thinkingBudget: 24_576 },
  'gemini-3-pro-preview': { thinkingLevel: 'high' },
  // Bedrock's reasoning settings are Claude's only: Nova gets none.
  [CONVERSE_MODEL]: { maxTokens: 32_000, fields: undefined },
};
