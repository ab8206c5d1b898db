import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, ROOT_ENV } from '../../testing/admin/admin-test-kit';
import {
  createTestGateway,
  jsonRequest,
  type TestGateway,
} from '../../testing/create-test-gateway';
import { type OidcProviderPeer, startOidcProviderPeer } from '../../testing/oidc-provider-peer';
import { signInThroughProvider } from '../../testing/sso-browser-stand-in';

// Not this machine's address: the redirect URI comes from PUBLIC_URL, whatever the request.
const PUBLIC_URL = 'http://oneapi.test:8080';

describe('sign-in through OpenID Connect against a real local issuer', () => {
  let gateway: TestGateway;
  let issuer: OidcProviderPeer;
  const call = (path: string, init?: RequestInit) => gateway.app.request(path, init);
  const setSso = async (patch: Record<string, unknown>) => {
    const response = await call('/api/settings/sso', jsonRequest('PATCH', patch, ROOT));
    expect(response.status, await response.clone().text()).toBe(200);
    return (await response.json()) as Record<string, unknown>;
  };
  const signInAs = (
    subject: string,
    options: Parameters<typeof signInThroughProvider>[2] = { publicUrl: PUBLIC_URL },
  ) => {
    issuer.signInAs = subject;
    return signInThroughProvider(gateway, 'oidc', options);
  };
  const sessionUser = async (cookie: string | undefined) => {
    const body = (await (
      await call('/api/auth/session', { headers: { cookie: cookie ?? '' } })
    ).json()) as {
      signedIn: boolean;
      user?: { id: number; username: string; email: string | null };
    };
    return body.signedIn ? body.user : undefined;
  };
  // The user has proved the address (as a mailed link does): only then may an SSO link by it.
  const createUser = async (username: string, email: string, { verified = true } = {}) => {
    const response = await call(
      '/api/users',
      jsonRequest('POST', { username, password: `${username}-password`, email }, ROOT),
    );
    const { id } = (await response.json()) as { id: number };
    if (verified)
      await gateway.services.storage.repositories.users.update(id, { emailVerifiedAt: Date.now() });
    return id;
  };

  beforeAll(async () => {
    // Every step of a sign-in counts against the sign-in rate limit; this suite makes many.
    gateway = await createTestGateway({ ...ROOT_ENV, PUBLIC_URL, LOGIN_RATE_LIMIT: '1000' });
    issuer = await startOidcProviderPeer(`${PUBLIC_URL}/api/auth/sso/oidc/callback`);
    await setSso({
      oidcEnabled: true,
      oidcIssuerUrl: issuer.issuer,
      oidcClientId: issuer.clientId,
      oidcClientSecret: issuer.clientSecret,
      oidcDisplayName: 'Local IdP',
    });
  });
  afterAll(async () => {
    await gateway?.close();
    await issuer?.close();
  });

  it('tells the sign-in page which providers are on, and never a secret', async () => {
    const response = await call('/api/auth/sso');
    expect(await response.json()).toEqual({ providers: [{ id: 'oidc', name: 'Local IdP' }] });
    const settings = await (await call('/api/settings/sso', { headers: ROOT })).text();
    expect(settings).not.toContain(issuer.clientSecret);
    expect(JSON.parse(settings)).toMatchObject({
      oidcClientSecretSet: true,
      githubClientSecretSet: false,
      redirectUris: { oidc: `${PUBLIC_URL}/api/auth/sso/oidc/callback` },
    });
    // Stored encrypted: the options row does not hold it in clear either.
    const stored = JSON.stringify(await gateway.services.storage.repositories.options.get('sso'));
    expect(stored).not.toContain(issuer.clientSecret);
  });

  it('refuses to turn OIDC on without an issuer, naming the setting', async () => {
    const response = await call(
      '/api/settings/sso',
      jsonRequest('PATCH', { oidcIssuerUrl: null }, ROOT),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { param: 'oidcIssuerUrl' } });
  });

  it('refuses a first sign-in that matches no account while SSO sign-up is closed', async () => {
    issuer.accounts.set('stranger', { email: 'stranger@example.com', emailVerified: true });
    const result = await signInAs('stranger');
    expect(result).toMatchObject({
      status: 302,
      location: `${PUBLIC_URL}/?sso_error=sign_up_closed`,
    });
    expect(result.sessionCookie).toBeUndefined();
  });

  it('creates an account on a first sign-in when SSO sign-up is open, and signs in to it again', async () => {
    await setSso({ ssoSignUpEnabled: true });
    issuer.accounts.set('newcomer', {
      email: 'Newcomer@Example.com',
      emailVerified: true,
      preferredUsername: 'newcomer',
      name: 'New Comer',
    });
    const first = await signInAs('newcomer');
    expect(first).toMatchObject({ status: 302, location: `${PUBLIC_URL}/` });
    const user = await sessionUser(first.sessionCookie);
    expect(user).toMatchObject({ username: 'newcomer', email: 'Newcomer@Example.com' });

    const again = await signInAs('newcomer');
    expect((await sessionUser(again.sessionCookie))?.id).toBe(user!.id);
    const identities = await call(`/api/users/${user!.id}/identities`, { headers: ROOT });
    expect(await identities.json()).toMatchObject({
      items: [{ provider: 'oidc', subject: 'newcomer', email: 'Newcomer@Example.com' }],
    });
    await setSso({ ssoSignUpEnabled: false });
  });

  it('links the account whose email the issuer has verified, and records the link', async () => {
    const bobId = await createUser('bob', 'bob@example.com');
    issuer.accounts.set('bob-at-idp', { email: 'BOB@example.com', emailVerified: true });
    const result = await signInAs('bob-at-idp');
    expect((await sessionUser(result.sessionCookie))?.id).toBe(bobId);
    const audit = await call('/api/audit-logs?entityType=identity', { headers: ROOT });
    expect(await audit.json()).toMatchObject({
      items: expect.arrayContaining([
        expect.objectContaining({
          action: 'create',
          actorName: 'bob',
          after: expect.objectContaining({ provider: 'oidc', subject: 'bob-at-idp' }),
        }),
      ]),
    });
  });

  it('does not link by an email the issuer has not verified', async () => {
    await createUser('carol', 'carol@example.com');
    issuer.accounts.set('carol-at-idp', { email: 'carol@example.com', emailVerified: false });
    const result = await signInAs('carol-at-idp');
    expect(result.location).toBe(`${PUBLIC_URL}/?sso_error=sign_up_closed`);
    expect(result.sessionCookie).toBeUndefined();
  });

  it('does not link to an account that never proved its email', async () => {
    await createUser('cody', 'cody@example.com', { verified: false });
    issuer.accounts.set('cody-at-idp', { email: 'cody@example.com', emailVerified: true });
    const result = await signInAs('cody-at-idp');
    expect(result.location).toBe(`${PUBLIC_URL}/?sso_error=sign_up_closed`);
    expect(result.sessionCookie).toBeUndefined();
  });

  it('refuses a disabled account, linked or not', async () => {
    const daveId = await createUser('dave', 'dave@example.com');
    issuer.accounts.set('dave-at-idp', { email: 'dave@example.com', emailVerified: true });
    expect((await signInAs('dave-at-idp')).sessionCookie).toBeDefined();
    await call(`/api/users/${daveId}`, jsonRequest('PATCH', { status: 'disabled' }, ROOT));
    const refused = await signInAs('dave-at-idp');
    expect(refused.location).toBe(`${PUBLIC_URL}/?sso_error=account_disabled`);
    expect(refused.sessionCookie).toBeUndefined();
  });

  it('refuses a callback whose state is not this browser’s', async () => {
    issuer.accounts.set('erin', { email: 'erin@example.com', emailVerified: true });
    await createUser('erin', 'erin@example.com');
    const tampered = await signInAs('erin', {
      publicUrl: PUBLIC_URL,
      tamperCallback: (url) => url.searchParams.set('state', 'forged-state'),
    });
    expect(tampered.location).toBe(`${PUBLIC_URL}/?sso_error=bad_state`);
    expect(tampered.sessionCookie).toBeUndefined();
    // A code brought to another browser (no flow cookie) is refused too: login CSRF.
    const elsewhere = await signInAs('erin', { publicUrl: PUBLIC_URL, withoutFlowCookie: true });
    expect(elsewhere.location).toBe(`${PUBLIC_URL}/?sso_error=bad_state`);
    expect(elsewhere.sessionCookie).toBeUndefined();
  });

  it('refuses an ID token that does not carry this sign-in’s nonce', async () => {
    issuer.accounts.set('frank', { email: 'frank@example.com', emailVerified: true });
    await createUser('frank', 'frank@example.com');
    const result = await signInAs('frank', {
      publicUrl: PUBLIC_URL,
      tamperAuthorize: (url) => url.searchParams.set('nonce', 'someone-elses-nonce'),
    });
    expect(result.location).toBe(`${PUBLIC_URL}/?sso_error=provider_failed`);
    expect(result.sessionCookie).toBeUndefined();
  });

  it('refuses every sign-in once OIDC is turned off', async () => {
    await setSso({ oidcEnabled: false });
    const start = await call('/api/auth/sso/oidc/start');
    expect(start.status, await start.clone().text()).toBe(302);
    expect(start.headers.get('location')).toBe(`${PUBLIC_URL}/?sso_error=not_enabled`);
    expect(await (await call('/api/auth/sso')).json()).toEqual({ providers: [] });
    await setSso({ oidcEnabled: true });
  });
});
