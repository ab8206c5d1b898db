import { describeEachDatabase } from '@oneapi/storage/testing/vitest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROOT, ROOT_ENV } from '../../testing/admin/admin-test-kit';
import {
  createTestGateway,
  jsonRequest,
  type TestGateway,
} from '../../testing/create-test-gateway';
import { atFreshTotpStep as atFreshStep, totpCodeAt as codeAt } from '../../testing/totp-codes';

const cookieOf = (response: Response, name: string) =>
  response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0]!)
    .find((pair) => pair.startsWith(`${name}=`) && pair !== `${name}=`);

describeEachDatabase('TOTP two-factor sign-in', (current) => {
  let gateway: TestGateway;
  let base: string;
  const post = (path: string, body: unknown, headers?: Record<string, string>) =>
    fetch(`${base}${path}`, jsonRequest('POST', body, headers));
  const login = (username: string, password: string) =>
    post('/api/auth/login', { username, password });
  /** A session's headers (cookie and CSRF token) from a sign-in answer. */
  const sessionOf = async (response: Response) => {
    const { csrfToken } = (await response.json()) as { csrfToken: string };
    return { cookie: cookieOf(response, 'oneapi_session')!, 'x-csrf-token': csrfToken };
  };
  const createUser = async (username: string) => {
    const created = await post('/api/users', { username, password: `${username}-password` }, ROOT);
    expect(created.status).toBe(201);
    return ((await created.json()) as { id: number }).id;
  };
  /** Enrols `username` through the API; returns the secret, recovery codes and session. */
  const enrol = async (username: string) => {
    const session = await sessionOf(await login(username, `${username}-password`));
    const started = await post('/api/user/self/totp', undefined, session);
    expect(started.status).toBe(201);
    const { secret, uri } = (await started.json()) as { secret: string; uri: string };
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    expect(uri).toContain(`secret=${secret}`);
    const confirmed = await post(
      '/api/user/self/totp/confirm',
      { code: codeAt(secret, -1) },
      session,
    );
    expect(confirmed.status).toBe(200);
    const { recoveryCodes } = (await confirmed.json()) as { recoveryCodes: string[] };
    return { secret, recoveryCodes, session };
  };

  beforeAll(async () => {
    // Many sign-ins from one address in a few seconds: above the default 20 a minute.
    gateway = await createTestGateway(
      { ...ROOT_ENV, LOGIN_RATE_LIMIT: '1000' },
      { storage: current() },
    );
    base = await gateway.listen();
  });
  afterAll(() => gateway.close());

  it('enrols only once confirmed with a current code, and keeps the secret encrypted', async () => {
    await atFreshStep();
    const id = await createUser('tess');
    const session = await sessionOf(await login('tess', 'tess-password'));
    const started = await post('/api/user/self/totp', undefined, session);
    const { secret } = (await started.json()) as { secret: string };
    const status = await fetch(`${base}/api/user/self/totp`, { headers: session });
    expect(await status.json()).toEqual({ enabled: false, pending: true, recoveryCodesLeft: 0 });
    // Not yet confirmed: signing in still asks for nothing more.
    expect(await (await login('tess', 'tess-password')).json()).toHaveProperty('csrfToken');

    const wrong = await post('/api/user/self/totp/confirm', { code: '000000' }, session);
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: { param: 'code' } });
    const confirmed = await post('/api/user/self/totp/confirm', { code: codeAt(secret) }, session);
    expect(confirmed.status).toBe(200);
    const { recoveryCodes } = (await confirmed.json()) as { recoveryCodes: string[] };
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);

    const row = await gateway.services.storage.repositories.totpFactors.find(id);
    expect(row?.secret).not.toContain(secret);
    expect(gateway.services.cipher.decrypt(row!.secret)).toBe(secret);
    const again = await post('/api/user/self/totp', undefined, session);
    expect(again.status).toBe(409);
    const enabled = await fetch(`${base}/api/user/self/totp`, { headers: session });
    expect(await enabled.json()).toEqual({ enabled: true, pending: false, recoveryCodesLeft: 10 });

    const audit = await gateway.services.storage.repositories.auditLogs.list({
      entityType: 'two_factor',
      entityId: String(id),
    });
    expect(audit.items).toHaveLength(1);
    const recorded = JSON.stringify(audit.items[0]);
    expect(recorded).not.toContain(secret);
    for (const code of recoveryCodes) expect(recorded).not.toContain(code);
  });

  it('asks for the code after the password, refuses a wrong or replayed one, and signs in once', async () => {
    await createUser('uma');
    await atFreshStep();
    const { secret } = await enrol('uma');

    const first = await login('uma', 'uma-password');
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ secondFactor: { methods: ['totp'] } });
    expect(cookieOf(first, 'oneapi_session')).toBeUndefined();
    const pending = cookieOf(first, 'oneapi_pending_sign_in')!;
    expect(pending).toBeDefined();
    const session = await fetch(`${base}/api/auth/session`, { headers: { cookie: pending } });
    expect(await session.json()).toEqual({ signedIn: false, secondFactor: { methods: ['totp'] } });
    // The pending sign-in is not a session.
    expect((await fetch(`${base}/api/user/self`, { headers: { cookie: pending } })).status).toBe(
      401,
    );

    const wrong = await post('/api/auth/second-factor', { code: '123456' }, { cookie: pending });
    expect(wrong.status).toBe(401);
    const code = codeAt(secret);
    const right = await post('/api/auth/second-factor', { code }, { cookie: pending });
    expect(right.status).toBe(200);
    expect(await right.json()).toMatchObject({ user: { username: 'uma' } });
    expect(cookieOf(right, 'oneapi_session')).toBeDefined();
    // Single use: the same pending sign-in does not sign in twice.
    const reused = await post(
      '/api/auth/second-factor',
      { code: codeAt(secret, 1) },
      { cookie: pending },
    );
    expect(reused.status).toBe(401);

    // The same code again, on a new pending sign-in, within its window: a replay.
    const second = cookieOf(await login('uma', 'uma-password'), 'oneapi_pending_sign_in')!;
    const replay = await post('/api/auth/second-factor', { code }, { cookie: second });
    expect(replay.status).toBe(401);
    expect(await replay.json()).toMatchObject({ error: { message: 'Wrong or already used code' } });
    const next = await post(
      '/api/auth/second-factor',
      { code: codeAt(secret, 1) },
      { cookie: second },
    );
    expect(next.status).toBe(200);
  });

  it('takes each recovery code once', async () => {
    await createUser('vera');
    await atFreshStep();
    const { recoveryCodes, session } = await enrol('vera');
    const pendingOf = async () =>
      cookieOf(await login('vera', 'vera-password'), 'oneapi_pending_sign_in')!;
    // Typed in capitals, without its dash: still the code.
    const typed = recoveryCodes[0]!.replace('-', '').toUpperCase();
    const used = await post(
      '/api/auth/second-factor',
      { code: typed },
      { cookie: await pendingOf() },
    );
    expect(used.status).toBe(200);
    const again = await post(
      '/api/auth/second-factor',
      { code: recoveryCodes[0] },
      { cookie: await pendingOf() },
    );
    expect(again.status).toBe(401);
    const status = await fetch(`${base}/api/user/self/totp`, { headers: session });
    expect(await status.json()).toMatchObject({ recoveryCodesLeft: 9 });
  });

  it('forgets a pending sign-in when the browser starts over', async () => {
    await createUser('abel');
    await atFreshStep();
    const { secret } = await enrol('abel');
    const pending = cookieOf(await login('abel', 'abel-password'), 'oneapi_pending_sign_in')!;
    const abandoned = await fetch(`${base}/api/auth/second-factor`, {
      method: 'DELETE',
      headers: { cookie: pending },
    });
    expect(abandoned.status).toBe(204);
    const late = await post(
      '/api/auth/second-factor',
      { code: codeAt(secret, 1) },
      { cookie: pending },
    );
    expect(late.status).toBe(401);
  });

  it('ends a pending sign-in after five wrong codes', async () => {
    await createUser('walt');
    await atFreshStep();
    const { secret } = await enrol('walt');
    const pending = cookieOf(await login('walt', 'walt-password'), 'oneapi_pending_sign_in')!;
    for (let attempt = 0; attempt < 5; attempt++) {
      const wrong = await post('/api/auth/second-factor', { code: '000000' }, { cookie: pending });
      expect(wrong.status).toBe(401);
    }
    const late = await post(
      '/api/auth/second-factor',
      { code: codeAt(secret, 1) },
      { cookie: pending },
    );
    expect(late.status).toBe(401);
    expect(await late.json()).toMatchObject({
      error: { message: expect.stringContaining('No sign-in is waiting') },
    });
  });

  it('turns off with the password (not a wrong one), and an admin can reset it', async () => {
    const id = await createUser('xena');
    await atFreshStep();
    const { session } = await enrol('xena');
    const wrong = await post('/api/user/self/totp/disable', { password: 'nope' }, session);
    expect(wrong.status).toBe(400);
    const off = await post('/api/user/self/totp/disable', { password: 'xena-password' }, session);
    expect(off.status).toBe(204);
    expect(await (await login('xena', 'xena-password')).json()).toHaveProperty('csrfToken');

    await atFreshStep();
    await enrol('xena');
    expect(await (await login('xena', 'xena-password')).json()).toHaveProperty('secondFactor');
    const reset = await fetch(`${base}/api/users/${id}/second-factors`, {
      method: 'DELETE',
      headers: ROOT,
    });
    expect(reset.status).toBe(204);
    expect(await (await login('xena', 'xena-password')).json()).toHaveProperty('csrfToken');

    const audit = await gateway.services.storage.repositories.auditLogs.list({
      entityType: 'two_factor',
      entityId: String(id),
    });
    expect(audit.items.map((entry) => entry.action).sort()).toEqual([
      'create',
      'create',
      'delete',
      'delete',
    ]);
    expect(audit.items[0]).toMatchObject({ actorName: 'root', action: 'delete' });
  });

  it('lets only root reset an admin’s second factors', async () => {
    const created = await post(
      '/api/users',
      { username: 'zoe', password: 'zoe-password', role: 'admin' },
      ROOT,
    );
    expect(created.status).toBe(201);
    const admin = await sessionOf(await login('zoe', 'zoe-password'));
    const rootId = 1;
    const refused = await fetch(`${base}/api/users/${rootId}/second-factors`, {
      method: 'DELETE',
      headers: admin,
    });
    expect(refused.status).toBe(403);
    const missing = await fetch(`${base}/api/users/99999/second-factors`, {
      method: 'DELETE',
      headers: ROOT,
    });
    expect(missing.status).toBe(404);
  });

  it('turns off with a current code', async () => {
    await createUser('yuri');
    await atFreshStep();
    const { secret, session } = await enrol('yuri');
    const off = await post('/api/user/self/totp/disable', { code: codeAt(secret) }, session);
    expect(off.status).toBe(204);
    const status = await fetch(`${base}/api/user/self/totp`, { headers: session });
    expect(await status.json()).toMatchObject({ enabled: false });
  });
});
