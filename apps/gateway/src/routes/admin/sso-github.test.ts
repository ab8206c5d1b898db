import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, ROOT_ENV } from '../../testing/admin/admin-test-kit';
import {
  createTestGateway,
  jsonRequest,
  type TestGateway,
} from '../../testing/create-test-gateway';
import { type GithubStandIn, startGithubStandIn } from '../../testing/github-stand-in';
import { signInThroughProvider } from '../../testing/sso-browser-stand-in';
import { atFreshTotpStep, totpCodeAt } from '../../testing/totp-codes';

const PUBLIC_URL = 'http://oneapi.test:8080';

describe('sign-in with GitHub against a local stand-in of its endpoints', () => {
  let gateway: TestGateway;
  let github: GithubStandIn;
  const call = (path: string, init?: RequestInit) => gateway.app.request(path, init);
  const signIn = () => signInThroughProvider(gateway, 'github', { publicUrl: PUBLIC_URL });
  const sessionUser = async (cookie: string | undefined) => {
    const response = await call('/api/auth/session', { headers: { cookie: cookie ?? '' } });
    const body = (await response.json()) as { user?: { id: number; username: string } };
    return body.user;
  };

  beforeAll(async () => {
    github = await startGithubStandIn();
    gateway = await createTestGateway({
      ...ROOT_ENV,
      PUBLIC_URL,
      GITHUB_OAUTH_BASE_URL: github.baseUrl,
      GITHUB_API_BASE_URL: github.baseUrl,
      LOGIN_RATE_LIMIT: '1000',
    });
  });
  afterAll(async () => {
    await gateway?.close();
    await github?.close();
  });

  it('will not turn GitHub on without a client secret', async () => {
    const response = await call(
      '/api/settings/sso',
      jsonRequest('PATCH', { githubEnabled: true, githubClientId: github.clientId }, ROOT),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { param: 'githubClientSecret' } });
    const enabled = await call(
      '/api/settings/sso',
      jsonRequest(
        'PATCH',
        {
          githubEnabled: true,
          githubClientId: github.clientId,
          githubClientSecret: github.clientSecret,
        },
        ROOT,
      ),
    );
    expect(enabled.status).toBe(200);
    expect(await enabled.text()).not.toContain(github.clientSecret);
    expect(await (await call('/api/auth/sso')).json()).toEqual({
      providers: [{ id: 'github', name: 'GitHub' }],
    });
  });

  it('links the user whose email is GitHub’s primary verified one', async () => {
    const created = await call(
      '/api/users',
      jsonRequest(
        'POST',
        { username: 'mona', password: 'mona-password', email: 'mona@example.com' },
        ROOT,
      ),
    );
    const { id } = (await created.json()) as { id: number };
    // Mona has proved the address (as a mailed link does): only then may GitHub's link by it.
    await gateway.services.storage.repositories.users.update(id, { emailVerifiedAt: Date.now() });
    github.user = {
      id: 583231,
      login: 'monalisa',
      name: 'Mona Lisa',
      emails: [
        { email: 'other@example.com', primary: false, verified: true },
        { email: 'mona@example.com', primary: true, verified: true },
      ],
    };
    const result = await signIn();
    expect(result.location).toBe(`${PUBLIC_URL}/`);
    expect((await sessionUser(result.sessionCookie))?.id).toBe(id);
    // The code went back with the registered redirect URI and the client's secret.
    expect(github.tokenRequests.at(-1)).toMatchObject({
      redirect_uri: `${PUBLIC_URL}/api/auth/sso/github/callback`,
      client_id: github.clientId,
    });
    const identities = await call(`/api/users/${id}/identities`, { headers: ROOT });
    expect(await identities.json()).toMatchObject({
      items: [{ provider: 'github', subject: '583231', email: 'mona@example.com' }],
    });
  });

  it('asks a linked user with two-factor sign-in for the code before the session starts', async () => {
    const login = await call(
      '/api/auth/login',
      jsonRequest('POST', { username: 'mona', password: 'mona-password' }),
    );
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const session = {
      cookie: login.headers.get('set-cookie')!.split(';')[0]!,
      'x-csrf-token': csrfToken,
    };
    const started = await call('/api/user/self/totp', jsonRequest('POST', undefined, session));
    const { secret } = (await started.json()) as { secret: string };
    await atFreshTotpStep();
    const confirm = jsonRequest('POST', { code: totpCodeAt(secret, -1) }, session);
    expect((await call('/api/user/self/totp/confirm', confirm)).status).toBe(200);

    github.user = { id: 583231, login: 'monalisa', name: null, emails: [] };
    const result = await signIn();
    // Back at the dashboard, not signed in yet: it finds the sign-in waiting for the code.
    expect(result.location).toBe(`${PUBLIC_URL}/`);
    expect(result.sessionCookie).toBeUndefined();
    const pending = { cookie: result.pendingSignInCookie! };
    expect(await (await call('/api/auth/session', { headers: pending })).json()).toEqual({
      signedIn: false,
      secondFactor: { methods: ['totp'] },
    });
    const code = jsonRequest('POST', { code: totpCodeAt(secret) }, pending);
    const second = await call('/api/auth/second-factor', code);
    expect(second.status).toBe(200);
    expect(await second.json()).toMatchObject({ user: { username: 'mona' } });
    await call(`/api/users/${(await sessionUser(session.cookie))!.id}/second-factors`, {
      method: 'DELETE',
      headers: ROOT,
    });
  });

  it('trusts neither an unverified primary email nor a verified secondary one', async () => {
    const created = await call(
      '/api/users',
      jsonRequest(
        'POST',
        { username: 'hubot', password: 'hubot-password', email: 'hubot@example.com' },
        ROOT,
      ),
    );
    // Proved here, so that GitHub's side is the only reason not to link.
    const { id } = (await created.json()) as { id: number };
    await gateway.services.storage.repositories.users.update(id, { emailVerifiedAt: Date.now() });
    github.user = {
      id: 2,
      login: 'impostor',
      name: null,
      emails: [
        { email: 'hubot@example.com', primary: true, verified: false },
        { email: 'mona@example.com', primary: false, verified: true },
      ],
    };
    const result = await signIn();
    expect(result.location).toBe(`${PUBLIC_URL}/?sso_error=sign_up_closed`);
    expect(result.sessionCookie).toBeUndefined();
  });

  it('creates an account named after the GitHub login when SSO sign-up is open', async () => {
    await call('/api/settings/sso', jsonRequest('PATCH', { ssoSignUpEnabled: true }, ROOT));
    // Taken already: the new account gets a suffix.
    github.user = { id: 3, login: 'mona', name: 'Another Mona', emails: [] };
    const result = await signIn();
    const user = await sessionUser(result.sessionCookie);
    expect(user?.username).toMatch(/^mona-[0-9a-f]{6}$/);

    // Made through GitHub, it has no password: its only link cannot be removed.
    const cookie = result.sessionCookie!;
    const { csrfToken } = (await (
      await call('/api/auth/session', { headers: { cookie } })
    ).json()) as { csrfToken: string };
    const session = { cookie, 'x-csrf-token': csrfToken };
    const own = (await (await call('/api/user/self/identities', { headers: session })).json()) as {
      items: { id: number; provider: string }[];
    };
    expect(own.items).toMatchObject([{ provider: 'github', subject: '3' }]);
    const unlink = await call(`/api/user/self/identities/${own.items[0]!.id}`, {
      method: 'DELETE',
      headers: session,
    });
    expect(unlink.status).toBe(409);
    await call('/api/user/self', jsonRequest('PATCH', { password: 'now-a-password' }, session));
    // The password change ended the session: sign in again with the password.
    const login = await call(
      '/api/auth/login',
      jsonRequest('POST', { username: user!.username, password: 'now-a-password' }),
    );
    const { csrfToken: fresh } = (await login.json()) as { csrfToken: string };
    const again = {
      cookie: login.headers.get('set-cookie')!.split(';')[0]!,
      'x-csrf-token': fresh,
    };
    const removed = await call(`/api/user/self/identities/${own.items[0]!.id}`, {
      method: 'DELETE',
      headers: again,
    });
    expect(removed.status).toBe(204);
    expect(await (await call('/api/user/self/identities', { headers: again })).json()).toEqual({
      items: [],
    });
  });

  it('refuses a callback whose state is not this browser’s', async () => {
    github.user = { id: 583231, login: 'monalisa', name: null, emails: [] };
    const result = await signInThroughProvider(gateway, 'github', {
      publicUrl: PUBLIC_URL,
      tamperCallback: (url) => url.searchParams.set('state', 'forged'),
    });
    expect(result.location).toBe(`${PUBLIC_URL}/?sso_error=bad_state`);
    expect(result.sessionCookie).toBeUndefined();
  });
});
