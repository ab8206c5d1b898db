import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../log/create-logger';
import { createTestGateway, jsonRequest, type TestGateway } from '../testing/create-test-gateway';
import {
  type FaultPlan,
  type FaultUpstream,
  startFaultUpstream,
} from '../testing/reliability/fault-upstream';
import { quotedForms } from '../testing/reliability/fault-upstream-bodies';
import {
  reportFigure,
  SETUP_TIMEOUT_MS,
  TEST_TIMEOUT_MS,
} from '../testing/reliability/reliability-kit';

/*
 * Upstreams that quote the channel's keys everywhere they can: the message, `type`, `param`,
 * `code`, nested details and a header, each key whole, without its vendor prefix and masked
 * as OpenAI shows keys, and every other key of the channel too. For each status an upstream
 * answers with (400, 401, 403, 429, 500), before a stream and as a mid-stream error event,
 * through /v1/chat/completions and /v1/messages on an OpenAI and an Anthropic channel, and
 * through /v1/embeddings and /v1/responses. No part of any key may reach the answers (status
 * line, headers, body), the log rows or the gateway's log output.
 */

const ROOT = { authorization: 'Bearer root-access-token' };
const API_KEY = 'sk-rootkeyecho0123456789';
const CLIENT = { authorization: `Bearer ${API_KEY}`, 'x-api-key': API_KEY };
const hex = () => randomBytes(16).toString('hex');
// Vendor shapes: OpenAI's project and legacy keys, Anthropic's. A `K` after the prefix makes
// the unprefixed key a valid field name, as `param` would carry one.
const OPENAI_KEYS = [`sk-proj-K${hex()}`, `sk-K${hex()}`, `sk-proj-K${hex()}`, `sk-K${hex()}`];
const ANTHROPIC_KEYS = Array.from({ length: 4 }, () => `sk-ant-api03-K${hex()}`);
const ALL_KEYS = [...OPENAI_KEYS, ...ANTHROPIC_KEYS];
// 401 disables the key it was sent with (key_fatal): the channels need more keys than the
// 401 requests each gets, so 401 goes last and the channels repeat their keys' count.
const STATUSES = [400, 403, 429, 500, 401];
const CHAT_MODELS = ['gpt-4o', 'claude-3-5-haiku-latest'];

/** Every piece of a key a client could use or recognise: 10-character windows, and masks. */
function keyFragments(key: string): string[] {
  const secret = key.replace(/^sk-(?:ant-api03-|proj-)?/, '');
  const windows = Array.from({ length: secret.length - 9 }, (_, at) => secret.slice(at, at + 10));
  return [...windows, ...quotedForms(key).slice(2)];
}

describe('upstream errors quoting channel keys (SQLite)', () => {
  let gateway: TestGateway;
  let upstream: FaultUpstream;
  let plan: FaultPlan = { kind: 'answer' };
  const logOutput: string[] = [];
  const answers: string[] = [];
  const statuses = new Map<string, number>();

  beforeAll(async () => {
    upstream = await startFaultUpstream((request) => {
      if (plan.kind !== 'leaky-error' && plan.kind !== 'leaky-stream-error') return plan;
      // Each channel's upstream quotes every key of its own account.
      const alsoQuote = request.format === 'anthropic' ? ANTHROPIC_KEYS : OPENAI_KEYS;
      return { ...plan, alsoQuote };
    });
    const destination = new Writable({
      write(chunk, _, done) {
        logOutput.push(String(chunk));
        done();
      },
    });
    gateway = await createTestGateway(
      {
        INITIAL_ROOT_PASSWORD: 'root-password',
        INITIAL_ROOT_ACCESS_TOKEN: 'root-access-token',
        INITIAL_ROOT_TOKEN: API_KEY,
        GLOBAL_API_RATE_LIMIT: '100000',
        RETRY_TIMES: '0',
      },
      { logger: createLogger({ level: 'debug', destination }) },
    );
    await gateway.listen();
    const topUp = await fetch(
      `${gateway.url}/api/users/1/quota`,
      jsonRequest('POST', { amount: 10_000_000, idempotencyKey: 'key-echo', reason: 't' }, ROOT),
    );
    expect(topUp.status).toBe(201);
    for (const channel of [
      {
        type: 'openai',
        keys: OPENAI_KEYS,
        baseUrl: `${upstream.url}/v1`,
        models: ['gpt-4o', 'text-embedding-3-small'],
      },
      { type: 'anthropic', keys: ANTHROPIC_KEYS, baseUrl: upstream.url, models: [CHAT_MODELS[1]] },
    ]) {
      const created = await fetch(
        `${gateway.url}/api/channels`,
        jsonRequest(
          'POST',
          {
            type: channel.type,
            name: `echo-${channel.type}`,
            // One key per line; twice over, so that 401s leave a live key (see STATUSES).
            key: [...channel.keys, ...channel.keys].join('\n'),
            baseUrl: channel.baseUrl,
            allowPrivateNetwork: true,
            models: channel.models,
          },
          ROOT,
        ),
      );
      expect(created.status).toBe(201);
    }
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await gateway?.close();
    await upstream?.close();
  }, SETUP_TIMEOUT_MS);

  async function send(label: string, path: string, body: unknown, headers = CLIENT) {
    const response = await fetch(`${gateway.url}${path}`, jsonRequest('POST', body, headers));
    const text = await response.text();
    answers.push(`${path} ${response.status} ${JSON.stringify([...response.headers])}\n${text}`);
    const outcome = `${label} ${response.status}`;
    statuses.set(outcome, (statuses.get(outcome) ?? 0) + 1);
    return { status: response.status, text };
  }

  /** Every ingress and endpoint that relays upstream errors, streamed and not. */
  async function sendAll(label: string, streams: readonly boolean[]) {
    const messages = [{ role: 'user', content: 'hi' }];
    for (const model of CHAT_MODELS) {
      for (const stream of streams) {
        await send(label, '/v1/chat/completions', { model, stream, messages });
        await send(label, '/v1/messages', { model, stream, max_tokens: 16, messages });
      }
    }
    for (const stream of streams) {
      await send(label, '/v1/responses', { model: 'gpt-4o', stream, input: 'hi' });
    }
    if (streams.includes(false)) {
      await send(label, '/v1/embeddings', { model: 'text-embedding-3-small', input: 'hi' });
    }
  }

  it(
    'no form of any channel key in answers, log rows or log output',
    async () => {
      for (const afterChunks of [0, 2]) {
        plan = { kind: 'leaky-stream-error', afterChunks };
        await sendAll(`error event after ${afterChunks} events`, [true]);
      }
      for (const status of STATUSES) {
        plan = { kind: 'leaky-error', status };
        await sendAll(`HTTP ${status}`, [false, true]);
      }
      plan = { kind: 'answer' };
      const sent = statuses.size > 0 ? [...statuses.values()].reduce((a, b) => a + b) : 0;
      // A stream cut by an error event settles once its delivered text is counted, in the
      // token worker (started by the first count, then loading its vocabulary): after the
      // answer, so wait for those rows before reading what was written.
      const relayRows = () =>
        gateway.services.storage.db
          .selectFrom('logs')
          .selectAll()
          .where('type', 'in', ['consume', 'error'])
          .execute();
      const deadline = Date.now() + 15_000;
      while ((await relayRows()).length < sent && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const logs = await fetch(`${gateway.url}/api/logs?limit=500`, { headers: ROOT });
      const logRows = await gateway.services.storage.db.selectFrom('logs').selectAll().execute();
      const haystacks = {
        answers: answers.join('\n'),
        'log rows': `${JSON.stringify(logRows)}\n${await logs.text()}`,
        'log output': logOutput.join(''),
      };
      const found = Object.entries(haystacks).flatMap(([where, text]) =>
        ALL_KEYS.flatMap((key) =>
          keyFragments(key)
            .filter((fragment) => text.includes(fragment))
            .map((fragment) => `${fragment} (of ${key}) in ${where}`),
        ),
      );
      expect(found).toEqual([]);
      // The sweep looked where the keys could go: every request reached the upstream, which
      // quoted the keys, and the errors were relayed (no answer was a plain success).
      expect(upstream.requests.length).toBeGreaterThanOrEqual(sent);
      // One row per relayed request (besides root's top-up).
      expect(logRows.filter((row) => row.type === 'consume' || row.type === 'error')).toHaveLength(
        sent,
      );
      const relayedAsSuccess = [...statuses.keys()].filter(
        (outcome) => outcome.startsWith('HTTP') && / 2\d\d$/.test(outcome),
      );
      expect(relayedAsSuccess).toEqual([]);
      reportFigure(
        `key echo: ${sent} requests (${[...statuses].map(([outcome, count]) => `${count} x ${outcome}`).join(', ')}), ${(haystacks.answers.length / 1024).toFixed(0)} KiB of answers, ${logRows.length} log rows (${(haystacks['log rows'].length / 1024).toFixed(0)} KiB), ${logOutput.length} log lines; ${ALL_KEYS.length} keys, 0 fragments found`,
      );
    },
    TEST_TIMEOUT_MS,
  );
});
