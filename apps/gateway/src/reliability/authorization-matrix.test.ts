import { listTestDatabases, type TestStorage } from '@oneapi/storage/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Access, ADMIN_POLICY, satisfiesRole } from '../routes/admin/admin-policy';
import { signIn } from '../testing/admin/admin-test-kit';
import { jsonRequest } from '../testing/create-test-gateway';
import { type FaultUpstream, startFaultUpstream } from '../testing/reliability/fault-upstream';
import {
  expectOpenAIError,
  HARNESS_LIFETIME_MS,
  reportFigure,
  SETUP_TIMEOUT_MS,
  USER_PASSWORD,
} from '../testing/reliability/reliability-kit';
import {
  type GatewayInstances,
  ROOT_PASSWORD,
  startInstances,
} from '../testing/reliability/start-instances';

type Identity = 'anonymous' | 'user' | 'admin' | 'root';
const IDENTITIES: readonly Identity[] = ['anonymous', 'user', 'admin', 'root'];
const ACCOUNTS = {
  user: { username: 'user-a', password: USER_PASSWORD },
  admin: { username: 'admin-a', password: USER_PASSWORD },
  root: { username: 'root', password: ROOT_PASSWORD },
} as const;

/**
 * Routes whose handler asks for more than ADMIN_POLICY declares (the policy lets them
 * through so that the handler can audit the attempt): what the matrix expects instead.
 */
const CHECKED_IN_HANDLER: Readonly<Record<string, Access>> = {
  'POST /api/channels/:id/key': 'root',
};

/**
 * Public routes whose credential is a pending sign-in (the cookie a first factor leaves for
 * the second), not a session: without one, every caller is refused with 401.
 */
const NEEDS_PENDING_SIGN_IN = new Set([
  'POST /api/auth/second-factor',
  'POST /api/auth/second-factor/passkey/options',
  'POST /api/auth/second-factor/passkey',
]);

/** The class of answer a caller should get: refused (401 or 403), or let through. */
function expectedClass(access: Access, identity: Identity, route: string): 401 | 403 | 'allowed' {
  if (NEEDS_PENDING_SIGN_IN.has(route)) return 401;
  if (access === 'public') return 'allowed';
  if (identity === 'anonymous') return 401;
  return satisfiesRole(identity, access) ? 'allowed' : 403;
}

const sqlite = listTestDatabases().find((database) => database.dialect === 'sqlite')!;

// Guarantee: every admin route refuses callers below its declared role and lets those at or
// above it through; users reach only their own objects; no body can raise a user's rights.
describe('authorization matrix generated from ADMIN_POLICY', () => {
  let storage: TestStorage;
  let instances: GatewayInstances;
  let upstream: FaultUpstream;
  let base: string;
  const sessions = {} as Record<Exclude<Identity, 'anonymous'>, Record<string, string>>;
  const ids = { userA: 0, userB: 0, tokenA: 0, tokenB: 0, channel: 0, root: 0 };

  const call = async (
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: unknown,
  ) => {
    const response = await fetch(
      `${base}${path}`,
      jsonRequest(method, method === 'GET' || method === 'DELETE' ? undefined : body, headers),
    );
    const text = await response.text();
    return { status: response.status, text };
  };

  beforeAll(async () => {
    upstream = await startFaultUpstream(() => ({ kind: 'answer' }), {
      lifetimeMs: HARNESS_LIFETIME_MS,
    });
    storage = await sqlite.create();
    instances = await startInstances({ storage, count: 1 });
    base = instances.urls[0]!;
    const root = instances.root;
    const create = async (path: string, body: unknown, headers: Record<string, string> = root) => {
      const response = await fetch(`${base}${path}`, jsonRequest('POST', body, headers));
      expect(response.status, path).toBe(201);
      return ((await response.json()) as { id: number }).id;
    };
    ids.userA = await create('/api/users', { username: 'user-a', password: USER_PASSWORD });
    ids.userB = await create('/api/users', { username: 'user-b', password: USER_PASSWORD });
    await create('/api/users', { username: 'admin-a', password: USER_PASSWORD, role: 'admin' });
    ids.channel = await create('/api/channels', {
      type: 'openai',
      name: 'matrix',
      key: 'sk-upstream-matrix',
      baseUrl: `${upstream.url}/v1`,
      allowPrivateNetwork: true,
      models: ['gpt-4o-mini'],
    });
    // Open, so that the public sign-up route is reachable rather than closed (403) to all.
    const settings = await fetch(
      `${base}/api/settings`,
      jsonRequest('PATCH', { registrationEnabled: true }, root),
    );
    expect(settings.status).toBe(200);
    for (const identity of ['user', 'admin', 'root'] as const)
      sessions[identity] = await signIn(
        base,
        ACCOUNTS[identity].username,
        ACCOUNTS[identity].password,
      );
    const sessionB = await signIn(base, 'user-b', USER_PASSWORD);
    ids.tokenA = await create('/api/tokens', { name: 'a-key' }, sessions.user);
    ids.tokenB = await create('/api/tokens', { name: 'b-key' }, sessionB);
    ids.root = (await storage.repositories.users.findByUsername('root'))!.id;
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await instances?.close();
    await storage?.dispose();
    await upstream?.close();
  });

  /** A concrete path: other people's objects for :id, throwaway names elsewhere. */
  const concretePath = (route: string) =>
    route
      .replace(/^\/api\/tokens\/:id/, `/api/tokens/${ids.tokenB}`)
      .replace(/^\/api\/users\/:id/, `/api/users/${ids.userB}`)
      .replace(/^\/api\/channels\/:id/, `/api/channels/${ids.channel}`)
      .replace(':model', 'matrix-model')
      .replace(':group', 'matrix-group');

  it('answers every route and role as the policy declares', async () => {
    // Deletions last, so that the objects other routes point at still exist.
    const routes = Object.entries(ADMIN_POLICY).sort(
      ([a], [b]) => Number(a.startsWith('DELETE')) - Number(b.startsWith('DELETE')),
    );
    const mismatches: string[] = [];
    const seen: Record<string, Record<number, number>> = {};
    let calls = 0;
    for (const [route, declared] of routes) {
      const [method, pattern] = route.split(' ') as [string, string];
      const access = CHECKED_IN_HANDLER[route] ?? declared;
      const path = concretePath(pattern);
      for (const identity of IDENTITIES) {
        const account = identity === 'anonymous' ? undefined : ACCOUNTS[identity];
        // Signing out ends the session it is sent with: that call gets a throwaway one.
        const headers = !account
          ? {}
          : route === 'POST /api/auth/logout'
            ? await signIn(base, account.username, account.password)
            : sessions[identity as keyof typeof sessions];
        const { status, text } = await call(method, path, headers, {});
        calls++;
        seen[identity] = { ...seen[identity], [status]: (seen[identity]?.[status] ?? 0) + 1 };
        const expected = expectedClass(access, identity, route);
        const actual = status === 401 || status === 403 ? status : 'allowed';
        if (actual !== expected)
          mismatches.push(`${route} as ${identity}: ${status} (expected ${expected}) ${text}`);
        if (actual === 401) expectOpenAIError(JSON.parse(text), 'unauthorized');
        if (actual === 403) expectOpenAIError(JSON.parse(text), 'forbidden');
        // Someone else's key looks exactly like a missing one.
        if (identity === 'user' && pattern.startsWith('/api/tokens/:id') && status !== 404)
          mismatches.push(`${route} as user on another user's key: ${status} (expected 404)`);
      }
    }
    expect(mismatches).toEqual([]);
    reportFigure(
      `authorization matrix: ${routes.length} routes x ${IDENTITIES.length} identities = ${calls} calls, ` +
        `0 mismatches; statuses by identity ${JSON.stringify(seen)}`,
    );
  });

  it('ignores or refuses bodies that try to raise a user’s rights', async () => {
    const { users, tokens } = storage.repositories;
    const before = (await users.findById(ids.userA))!;
    for (const body of [
      { role: 'root' },
      { quota: 1_000_000_000 },
      { groupName: 'vip' },
      { displayName: 'ok', role: 'admin' },
      JSON.parse('{"displayName":"ok","__proto__":{"role":"root","quota":1000000000}}'),
    ]) {
      const { status, text } = await call('PATCH', '/api/user/self', sessions.user, body);
      expect(status, JSON.stringify(body)).toBe(400);
      expectOpenAIError(JSON.parse(text), 'invalid_request');
    }
    const after = (await users.findById(ids.userA))!;
    expect({ role: after.role, quota: after.quota, groupName: after.groupName }).toEqual({
      role: before.role,
      quota: before.quota,
      groupName: before.groupName,
    });

    // A key for someone else: refused as if that user did not exist.
    const keysOfB = (await tokens.list({ userId: ids.userB })).items.length;
    const forB = await call('POST', '/api/tokens', sessions.user, { name: 'x', userId: ids.userB });
    expect(forB.status).toBe(404);
    expectOpenAIError(JSON.parse(forB.text), 'not_found');
    expect((await tokens.list({ userId: ids.userB })).items).toHaveLength(keysOfB);
    // Nor can one's own key be handed over.
    const handOver = await call('PATCH', `/api/tokens/${ids.tokenA}`, sessions.user, {
      userId: ids.userB,
    });
    expect(handOver.status).toBe(400);
    expect((await tokens.findById(ids.tokenA))!.userId).toBe(ids.userA);

    // Signing up cannot choose a role.
    const signUp = await call(
      'POST',
      '/api/auth/register',
      {},
      {
        username: 'self-made-root',
        password: USER_PASSWORD,
        role: 'root',
      },
    );
    expect(signUp.status).toBe(400);
    expect(await users.findByUsername('self-made-root')).toBeUndefined();

    // An admin can neither make admins nor touch root.
    const promote = await call('PATCH', `/api/users/${ids.userA}`, sessions.admin, {
      role: 'admin',
    });
    expect(promote.status).toBe(403);
    const makeRoot = await call('POST', '/api/users', sessions.admin, {
      username: 'another-root',
      password: USER_PASSWORD,
      role: 'root',
    });
    expect(makeRoot.status).toBe(403);
    const demoteRoot = await call('PATCH', `/api/users/${ids.root}`, sessions.admin, {
      role: 'user',
    });
    expect(demoteRoot.status).toBe(403);
    const rootKey = await call('POST', '/api/tokens', sessions.admin, {
      name: 'x',
      userId: ids.root,
    });
    expect(rootKey.status).toBe(404);
    expect((await users.findById(ids.userA))!.role).toBe('user');
    expect((await users.findById(ids.root))!.role).toBe('root');
  });
});
