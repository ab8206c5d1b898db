// The gateway as a user runs it: the built dist/main.js on an embedded SQLite file, set up
// over the admin API (prices, channels to the mock, a user with quota, an API key), with
// every feature of the relay's hot path on: key auth, rate limits (generous: on, not hit),
// the per-key concurrency cap, quota reservation and settlement, and a log row per request.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startNode } from './processes.mjs';

const MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

/** Models the bench calls, each a channel to the mock with its own stream shape. */
export const MODELS = {
  openai: 'bench-gpt',
  anthropic: 'bench-claude',
  idle: 'bench-gpt-idle',
};

/**
 * Starts the gateway on `directory`/oneapi.db, or on what `databaseEnv` names (SQL_DSN,
 * REDIS_CONN_STRING). On a fresh database it creates root from INITIAL_ROOT_ACCESS_TOKEN; on
 * one already set up it just serves it. `nodeArgs` go to node before the script (--cpu-prof,
 * to see where the time goes).
 */
export async function startGateway({
  directory,
  databaseEnv = { SQLITE_PATH: join(directory, 'oneapi.db') },
  rootAccessToken,
  cpu,
  concurrencyLimit,
  nodeArgs = [],
}) {
  if (!existsSync(MAIN))
    throw new Error(
      `${MAIN} is missing: build first (pnpm exec turbo run build --filter=@oneapi/gateway...)`,
    );
  // A clean environment: nothing of the caller's (SQL_DSN, REDIS_CONN_STRING, NODE_OPTIONS)
  // may change what is measured.
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PORT: '0',
    HOST: '127.0.0.1',
    ...databaseEnv,
    INITIAL_ROOT_ACCESS_TOKEN: rootAccessToken,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_TOKEN_RPM: '10000000',
    RATE_LIMIT_TOKEN_TPM: '100000000000',
    RATE_LIMIT_USER_RPM: '10000000',
    RATE_LIMIT_USER_TPM: '100000000000',
    TOKEN_CONCURRENCY_LIMIT: String(concurrencyLimit),
    SHUTDOWN_TIMEOUT: '5',
  };
  const started = await startNode('gateway', [...nodeArgs, MAIN], {
    env,
    cpu,
    ready: /listening on http:\/\/localhost:(\d+)/,
  });
  return { ...started, url: `http://127.0.0.1:${started.match[1]}` };
}

async function call(url, path, { method = 'POST', headers = {}, body } = {}) {
  const response = await fetch(url + path, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return { response, json: text ? JSON.parse(text) : undefined };
}

/**
 * Sets the gateway up as docs/admin-api.md describes, from root's access token: prices for
 * the bench models, one channel per stream shape, a user with quota, and that user's API
 * key (with a quota of its own), which it returns.
 */
export async function provisionGateway(url, rootAccessToken, mockOrigin) {
  const root = { authorization: `Bearer ${rootAccessToken}` };
  for (const model of Object.values(MODELS)) {
    await call(url, `/api/prices/models/${model}`, {
      method: 'PUT',
      headers: root,
      body: { inputPerMillion: 0.15, outputPerMillion: 0.6 },
    });
  }
  const channels = [
    { type: 'openai', model: MODELS.openai, baseUrl: `${mockOrigin}/s/50/0/0/v1` },
    { type: 'anthropic', model: MODELS.anthropic, baseUrl: `${mockOrigin}/s/50/0/0` },
    // One delta at once, the next an hour later: a stream that stays open, idle.
    { type: 'openai', model: MODELS.idle, baseUrl: `${mockOrigin}/s/2/0/3600000/v1` },
  ];
  for (const channel of channels) {
    await call(url, '/api/channels', {
      headers: root,
      body: {
        type: channel.type,
        name: channel.model,
        key: 'sk-mock-upstream',
        baseUrl: channel.baseUrl,
        allowPrivateNetwork: true,
        models: [channel.model],
      },
    });
  }
  const password = randomBytes(12).toString('hex');
  const { json: user } = await call(url, '/api/users', {
    headers: root,
    body: { username: 'bench', password },
  });
  await call(url, `/api/users/${user.id}/quota`, {
    headers: root,
    body: { amount: 1e15, idempotencyKey: `bench-${user.id}-quota`, reason: 'benchmark' },
  });
  // The key belongs to the user, so sign in as them (docs/admin-api.md, "Signing in").
  const login = await call(url, '/api/auth/login', { body: { username: 'bench', password } });
  const cookie = login.response.headers.get('set-cookie').split(';')[0];
  const { json: token } = await call(url, '/api/tokens', {
    headers: { cookie, 'x-csrf-token': login.json.csrfToken },
    body: { name: 'bench', remainQuota: 1e15 },
  });
  return token.key;
}
