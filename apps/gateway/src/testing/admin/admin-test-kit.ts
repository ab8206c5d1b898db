import { readFileSync } from 'node:fs';
import { type FixtureServer, startFixtureServer } from '@oneapi/adapters/testing';
import { createApiKeyAs, jsonRequest } from '../create-test-gateway';

/** Shared setup of the admin route tests: a recorded OpenAI upstream and signed-in people. */

export const UPSTREAM_KEY = 'sk-upstream-canary-7c3d';
export const ROOT = { authorization: 'Bearer root-access-token' };
export const ROOT_ENV = {
  INITIAL_ROOT_PASSWORD: 'root-password',
  INITIAL_ROOT_ACCESS_TOKEN: 'root-access-token',
};

export const relayFixture = (name: string) =>
  readFileSync(new URL(`../../routes/relay/__fixtures__/${name}`, import.meta.url), 'utf8');

/** The recorded chat's usage: what a relayed chat is billed on. */
export const FIXTURE_USAGE = JSON.parse(relayFixture('chat-completion-text.json')).usage as {
  prompt_tokens: number;
  completion_tokens: number;
};

// OpenAI's documented `GET /v1/models` answer (platform.openai.com/docs/api-reference/models/list).
const MODEL_LIST = {
  object: 'list',
  data: [
    { id: 'gpt-4o', object: 'model', created: 1686935002, owned_by: 'openai' },
    { id: 'gpt-4o-mini', object: 'model', created: 1721172741, owned_by: 'system' },
  ],
};

/**
 * An OpenAI upstream that knows one key: chats get the recorded completion, `/models` the
 * documented list, and any other key the recorded 401, carelessly echoing the key it got.
 */
export function startOpenAIUpstream(): Promise<FixtureServer> {
  return startFixtureServer(({ method, url, headers }) => {
    const presented = /^Bearer (.+)$/.exec(headers.authorization ?? '')?.[1] ?? '';
    if (presented !== UPSTREAM_KEY) {
      return {
        status: 401,
        body: relayFixture('error-401-invalid-api-key.json').replace(/sk-VKMIs\*+wjh3/, presented),
      };
    }
    if (method === 'GET' && url.endsWith('/models')) return { body: JSON.stringify(MODEL_LIST) };
    return { body: relayFixture('chat-completion-text.json') };
  });
}

/** Signs in over HTTP: headers for that session, CSRF header included for writes. */
export async function signIn(base: string, username: string, password: string) {
  const login = await fetch(`${base}/api/auth/login`, jsonRequest('POST', { username, password }));
  if (login.status !== 200) throw new Error(`sign-in of ${username}: ${login.status}`);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return { cookie: login.headers.get('set-cookie')!.split(';')[0]!, 'x-csrf-token': csrfToken };
}

/** Root creates a user (with quota when asked); returns its id and an API key of its own. */
export async function createUserWithKey(
  base: string,
  user: { username: string; password: string; role?: 'user' | 'admin'; quota?: number },
): Promise<{ id: number; apiKey: string }> {
  const { quota, ...fields } = user;
  const created = await fetch(`${base}/api/users`, jsonRequest('POST', fields, ROOT));
  if (created.status !== 201) throw new Error(`user ${user.username}: ${created.status}`);
  const { id } = (await created.json()) as { id: number };
  if (quota) {
    await fetch(
      `${base}/api/users/${id}/quota`,
      jsonRequest(
        'POST',
        { amount: quota, idempotencyKey: `grant-${user.username}`, reason: 'test' },
        ROOT,
      ),
    );
  }
  const credentials = { username: user.username, password: user.password };
  return { id, apiKey: await createApiKeyAs(base, credentials) };
}

/** Root adds an OpenAI channel pointing at `upstream` (a private address, so allowed). */
export async function createOpenAIChannel(
  base: string,
  upstream: FixtureServer,
  channel: Record<string, unknown> = {},
): Promise<{ id: number }> {
  const response = await fetch(
    `${base}/api/channels`,
    jsonRequest(
      'POST',
      {
        type: 'openai',
        name: 'local',
        key: UPSTREAM_KEY,
        baseUrl: `${upstream.url}/v1`,
        allowPrivateNetwork: true,
        models: ['gpt-4o-mini'],
        ...channel,
      },
      ROOT,
    ),
  );
  if (response.status !== 201) throw new Error(`channel: ${await response.text()}`);
  return (await response.json()) as { id: number };
}

/** A non-stream chat through the relay with an API key. */
export function chat(base: string, apiKey: string, model = 'gpt-4o-mini') {
  return fetch(
    `${base}/v1/chat/completions`,
    jsonRequest(
      'POST',
      { model, messages: [{ role: 'user', content: 'hi' }] },
      { authorization: `Bearer ${apiKey}` },
    ),
  );
}
