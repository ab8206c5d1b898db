import { decodeProtectedHeader, importSPKI, jwtVerify } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createFakeServiceAccount,
  startTokenServer,
  type TokenServer,
} from './testing/vertex-test-support';
import { createVertexAuth, type VertexAuthOptions } from './vertex-auth';

const account = createFakeServiceAccount();
const START = Date.UTC(2025, 0, 1);

describe('createVertexAuth', () => {
  let server: TokenServer;
  let clock: number;
  let fetchCalls: number;
  const auth = (overrides: Partial<VertexAuthOptions> = {}) =>
    createVertexAuth({
      tokenUrl: server.url,
      now: () => clock,
      fetch: (input, init) => {
        fetchCalls++;
        return fetch(input, init);
      },
      ...overrides,
    });

  beforeEach(async () => {
    server = await startTokenServer();
    clock = START;
    fetchCalls = 0;
  });
  afterEach(() => server.close());

  it('exchanges a signed RS256 JWT for an access token', async () => {
    expect(await auth().getAccessToken(account.json)).toBe('token-1');
    expect(fetchCalls).toBe(1);
    const [received] = server.requests;
    expect(received!.contentType).toBe('application/x-www-form-urlencoded');
    expect(received!.form.get('grant_type')).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
    const assertion = received!.form.get('assertion')!;
    expect(decodeProtectedHeader(assertion)).toEqual({ alg: 'RS256', typ: 'JWT', kid: 'key-id-1' });
    const { payload } = await jwtVerify(assertion, await importSPKI(account.publicKey, 'RS256'), {
      issuer: 'gateway@sa-project.iam.gserviceaccount.com',
      // The configured token URL, not the key file's token_uri.
      audience: server.url,
      currentDate: new Date(START),
    });
    expect(payload.scope).toBe('https://www.googleapis.com/auth/cloud-platform');
    expect(payload.iat).toBe(START / 1000);
    expect(payload.exp).toBe(START / 1000 + 3600);
  });

  it('serves the cached token until five minutes before expiry, then refreshes', async () => {
    const tokens = auth();
    expect(await tokens.getAccessToken(account.json)).toBe('token-1');
    clock = START + (3600 - 300) * 1000 - 1;
    expect(await tokens.getAccessToken(account.json)).toBe('token-1');
    expect(server.requests).toHaveLength(1);
    clock = START + (3600 - 300) * 1000;
    expect(await tokens.getAccessToken(account.json)).toBe('token-2');
    expect(server.requests).toHaveLength(2);
  });

  it('shares one exchange between concurrent callers and keeps keys apart', async () => {
    const tokens = auth();
    const other = createFakeServiceAccount({ client_email: 'other@p.iam.gserviceaccount.com' });
    const results = await Promise.all([
      tokens.getAccessToken(account.json),
      tokens.getAccessToken(account.json),
      tokens.getAccessToken(account.json),
    ]);
    expect(new Set(results)).toEqual(new Set(['token-1']));
    expect(await tokens.getAccessToken(other.json)).toBe('token-2');
    expect(server.requests).toHaveLength(2);
  });

  it('reports a rejected grant as a dead key and does not cache the failure', async () => {
    const tokens = auth();
    server.respondWith(400, {
      error: 'invalid_grant',
      error_description: 'Invalid JWT Signature.',
    });
    await expect(tokens.getAccessToken(account.json)).rejects.toMatchObject({
      code: 'upstream_auth_failed',
      kind: 'key_fatal',
    });
    server.respondWith(200, { access_token: 'recovered', expires_in: 3600 });
    expect(await tokens.getAccessToken(account.json)).toBe('recovered');
  });

  it('treats a token endpoint outage as retryable', async () => {
    server.respondWith(503, { error: 'unavailable' });
    await expect(auth().getAccessToken(account.json)).rejects.toMatchObject({ retryable: true });
  });

  it('refuses a key that is not a service account without calling the endpoint', async () => {
    for (const bad of ['not json', '{"client_email":"x"}']) {
      await expect(auth().getAccessToken(bad)).rejects.toMatchObject({
        code: 'upstream_auth_failed',
      });
    }
    const broken = JSON.stringify({ client_email: 'x@y', private_key: 'not a pem' });
    await expect(auth().getAccessToken(broken)).rejects.toMatchObject({
      code: 'upstream_auth_failed',
    });
    expect(server.requests).toHaveLength(0);
  });
});
