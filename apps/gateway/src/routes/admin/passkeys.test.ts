import { describeEachDatabase } from '@oneapi/storage/testing/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, ROOT_ENV } from '../../testing/admin/admin-test-kit';
import {
  createTestGateway,
  jsonRequest,
  type TestGateway,
} from '../../testing/create-test-gateway';
import {
  type CreationOptions,
  createSoftwareAuthenticator,
  type RequestOptions,
} from '../../testing/software-authenticator';

type Authenticator = ReturnType<typeof createSoftwareAuthenticator>;
// Many sign-ins from one address in a few seconds: above the default 20 a minute.
const ENV = { ...ROOT_ENV, LOGIN_RATE_LIMIT: '1000' };
const creationOptions = async (response: Response) => (await response.json()) as CreationOptions;
const requestOptions = async (response: Response) => (await response.json()) as RequestOptions;

const cookieOf = (response: Response, name: string) =>
  response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0]!)
    .find((pair) => pair.startsWith(`${name}=`) && pair !== `${name}=`);

describeEachDatabase('passkeys', (current) => {
  let gateway: TestGateway;
  let base: string;
  let authenticator: Authenticator;
  const post = (path: string, body?: unknown, headers?: Record<string, string>) =>
    fetch(`${base}${path}`, jsonRequest('POST', body, headers));
  const login = (username: string) =>
    post('/api/auth/login', { username, password: `${username}-password` });
  const sessionOf = async (response: Response) => {
    const { csrfToken } = (await response.json()) as { csrfToken: string };
    return { cookie: cookieOf(response, 'oneapi_session')!, 'x-csrf-token': csrfToken };
  };
  const createUser = async (username: string) => {
    const created = await post('/api/users', { username, password: `${username}-password` }, ROOT);
    return ((await created.json()) as { id: number }).id;
  };
  /** Registers a passkey for the signed-in `session` with `device`; returns the answer. */
  const register = async (session: Record<string, string>, device: Authenticator, name: string) => {
    const options = await creationOptions(
      await post('/api/user/self/passkeys/options', undefined, session),
    );
    const response = device.create(options);
    const created = await post('/api/user/self/passkeys', { name, response }, session);
    return { created, response };
  };

  beforeAll(async () => {
    gateway = await createTestGateway(ENV, { storage: current() });
    base = await gateway.listen();
    authenticator = createSoftwareAuthenticator(base);
  });
  afterAll(() => gateway.close());

  it('registers named passkeys, each answer once, and lists them without key material', async () => {
    await createUser('pia');
    const session = await sessionOf(await login('pia'));
    const { created, response } = await register(session, authenticator, 'Laptop');
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ name: 'Laptop', lastUsedAt: null });
    // The same answer again: its challenge is spent.
    const replay = await post('/api/user/self/passkeys', { name: 'Again', response }, session);
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({
      error: { message: expect.stringContaining('no open challenge') },
    });
    const list = await fetch(`${base}/api/user/self/passkeys`, { headers: session });
    const { items } = (await list.json()) as { items: Record<string, unknown>[] };
    expect(items.map((item) => Object.keys(item).sort())).toEqual([
      ['createdAt', 'id', 'lastUsedAt', 'name'],
    ]);
  });

  it('refuses to register an answer to another account’s challenge', async () => {
    await createUser('quin');
    await createUser('rhea');
    const quin = await sessionOf(await login('quin'));
    const rhea = await sessionOf(await login('rhea'));
    const options = await creationOptions(
      await post('/api/user/self/passkeys/options', undefined, quin),
    );
    const response = authenticator.create(options);
    const stolen = await post('/api/user/self/passkeys', { name: 'Mine', response }, rhea);
    expect(stolen.status).toBe(400);
  });

  it('signs in without a password, once per answer, and refuses a counter that did not grow', async () => {
    const id = await createUser('sami');
    const device = createSoftwareAuthenticator(base);
    await register(await sessionOf(await login('sami')), device, 'Phone');

    const options = await requestOptions(await post('/api/auth/passkey/options'));
    expect(options).not.toHaveProperty('allowCredentials.0');
    const answer = device.get(options);
    const signedIn = await post('/api/auth/passkey', { response: answer });
    expect(signedIn.status).toBe(200);
    expect(await signedIn.json()).toMatchObject({ user: { id, username: 'sami' } });
    expect(cookieOf(signedIn, 'oneapi_session')).toBeDefined();
    expect((await post('/api/auth/passkey', { response: answer })).status).toBe(400);

    // A clone of the authenticator answers with the counter it had: refused.
    const again = await requestOptions(await post('/api/auth/passkey/options'));
    const cloned = device.get(again, { counter: device.credentials[0]!.counter });
    const refused = await post('/api/auth/passkey', { response: cloned });
    expect(refused.status).toBe(401);

    const unknown = createSoftwareAuthenticator(base);
    unknown.create({ challenge: 'x', rp: {}, user: { id: 'nobody' } });
    const stranger = unknown.get(await requestOptions(await post('/api/auth/passkey/options')));
    expect((await post('/api/auth/passkey', { response: stranger })).status).toBe(401);
  });

  it('stands in for the code after the password, for its own user only', async () => {
    await createUser('tara');
    await createUser('ugo');
    const tara = createSoftwareAuthenticator(base);
    const ugo = createSoftwareAuthenticator(base);
    await register(await sessionOf(await login('tara')), tara, 'Key');
    await register(await sessionOf(await login('ugo')), ugo, 'Key');

    const first = await login('tara');
    expect(await first.json()).toEqual({ secondFactor: { methods: ['passkey'] } });
    const pending = { cookie: cookieOf(first, 'oneapi_pending_sign_in')! };
    const options = await requestOptions(
      await post('/api/auth/second-factor/passkey/options', undefined, pending),
    );
    expect(options.allowCredentials).toEqual([
      expect.objectContaining({ id: tara.credentials.map((c) => c.id.toString('base64url'))[0] }),
    ]);
    // Another user's passkey answering this challenge does not sign tara in.
    const wrong = ugo.get(options, { credential: ugo.credentials[0]! });
    expect(
      (await post('/api/auth/second-factor/passkey', { response: wrong }, pending)).status,
    ).toBe(401);
    const fresh = await requestOptions(
      await post('/api/auth/second-factor/passkey/options', undefined, pending),
    );
    const right = await post(
      '/api/auth/second-factor/passkey',
      { response: tara.get(fresh) },
      pending,
    );
    expect(right.status).toBe(200);
    expect(await right.json()).toMatchObject({ user: { username: 'tara' } });
    // The pending sign-in is spent.
    expect((await post('/api/auth/second-factor/passkey/options', undefined, pending)).status).toBe(
      401,
    );
  });

  it('removes a passkey, and audits adding and removing without key material', async () => {
    const id = await createUser('vic');
    const session = await sessionOf(await login('vic'));
    const device = createSoftwareAuthenticator(base);
    const { created } = await register(session, device, 'Desk');
    const { id: passkeyId } = (await created.json()) as { id: number };
    const removed = await fetch(`${base}/api/user/self/passkeys/${passkeyId}`, {
      method: 'DELETE',
      headers: session,
    });
    expect(removed.status).toBe(204);
    expect(
      (
        await fetch(`${base}/api/user/self/passkeys/${passkeyId}`, {
          method: 'DELETE',
          headers: session,
        })
      ).status,
    ).toBe(404);
    const audit = await gateway.services.storage.repositories.auditLogs.list({
      entityType: 'passkey',
      entityId: String(passkeyId),
    });
    expect(audit.items.map((entry) => entry.action)).toEqual(['delete', 'create']);
    expect(audit.items[1]).toMatchObject({ actorId: id, after: { name: 'Desk', userId: id } });
    const credentialId = device.credentials[0]!.id.toString('base64url');
    expect(JSON.stringify(audit.items)).not.toContain(credentialId);
    // Gone, so the password alone signs in again.
    expect(await (await login('vic')).json()).toHaveProperty('csrfToken');
  });
});

describe('the WebAuthn relying party', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await createTestGateway({ ...ENV, PUBLIC_URL: 'https://ai.example.com' });
  });
  afterAll(() => gateway.close());
  const post = (path: string, body?: unknown, headers?: Record<string, string>) =>
    gateway.app.request(path, jsonRequest('POST', body, headers));

  it('is PUBLIC_URL’s host, and answers made at another origin are refused', async () => {
    const device = createSoftwareAuthenticator('https://ai.example.com');
    const registration = await creationOptions(
      await post('/api/user/self/passkeys/options', undefined, ROOT),
    );
    expect(registration.rp.id).toBe('ai.example.com');
    const elsewhere = device.create(registration, 'https://evil.example.net');
    const refused = await post('/api/user/self/passkeys', { name: 'K', response: elsewhere }, ROOT);
    expect(refused.status).toBe(400);
    const again = await creationOptions(
      await post('/api/user/self/passkeys/options', undefined, ROOT),
    );
    const registered = await post(
      '/api/user/self/passkeys',
      { name: 'K', response: device.create(again) },
      ROOT,
    );
    expect(registered.status).toBe(201);

    const signIn = await requestOptions(await post('/api/auth/passkey/options'));
    expect(signIn.rpId).toBe('ai.example.com');
    const credential = device.credentials.at(-1)!;
    const phished = device.get(signIn, { credential, at: 'https://evil.example.net' });
    expect((await post('/api/auth/passkey', { response: phished })).status).toBe(401);
    const retry = await requestOptions(await post('/api/auth/passkey/options'));
    const genuine = await post('/api/auth/passkey', {
      response: device.get(retry, { credential }),
    });
    expect(genuine.status).toBe(200);
  });
});
