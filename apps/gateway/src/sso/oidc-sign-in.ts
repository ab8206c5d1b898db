import type * as oidc from 'openid-client';
import type { ExternalIdentity } from './external-identity';
import { SsoError } from './external-identity';
import type { SsoFlow } from './sso-flow-cookie';
import type { SsoConfig } from './sso-settings';

type OidcSettings = Pick<
  SsoConfig,
  'oidcIssuerUrl' | 'oidcClientId' | 'oidcClientSecret' | 'oidcScopes'
>;

const DISCOVERY_TTL_MS = 5 * 60_000;

/** openid-client (with jose) is imported at the first OIDC sign-in, not at start. */
const loadOpenIdClient = () => import('openid-client');
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * OpenID Connect sign-in with openid-client: discovery from the issuer, the authorization
 * code flow with PKCE (S256), state and nonce; the library checks the ID token (signature,
 * issuer, audience, expiry, nonce). One discovered configuration is kept for five minutes.
 */
export function createOidcSignIn() {
  let cached: { key: string; at: number; config: Promise<oidc.Configuration> } | undefined;

  const configurationOf = (settings: OidcSettings): Promise<oidc.Configuration> => {
    if (!settings.oidcIssuerUrl || !settings.oidcClientId)
      throw new SsoError('not_enabled', 'OIDC sign-in has no issuer or client id');
    const key = JSON.stringify([
      settings.oidcIssuerUrl,
      settings.oidcClientId,
      settings.oidcClientSecret,
    ]);
    if (cached?.key === key && Date.now() - cached.at < DISCOVERY_TTL_MS) return cached.config;
    const issuer = new URL(settings.oidcIssuerUrl);
    const clientId = settings.oidcClientId;
    const config = loadOpenIdClient().then((client) =>
      client.discovery(
        issuer,
        clientId,
        undefined,
        // A public client (no secret) still proves itself with PKCE.
        settings.oidcClientSecret
          ? client.ClientSecretPost(settings.oidcClientSecret)
          : client.None(),
        // openid-client refuses plain http; an issuer on this machine (a test, a local IdP
        // in development) has no network to be read on, so that one is allowed.
        isLoopbackHttp(issuer) ? { execute: [client.allowInsecureRequests] } : undefined,
      ),
    );
    cached = { key, at: Date.now(), config };
    // A failed discovery is not kept: the next attempt tries again.
    config.catch(() => {
      if (cached?.config === config) cached = undefined;
    });
    return config;
  };

  return {
    /** The provider's authorization URL, and the flow to keep until the callback. */
    async start(settings: OidcSettings, redirectUri: string): Promise<{ url: URL; flow: SsoFlow }> {
      const config = await discover(configurationOf, settings);
      const oidc = await loadOpenIdClient();
      const codeVerifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: settings.oidcScopes,
        code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      return { url, flow: { provider: 'oidc', state, nonce, codeVerifier } };
    },

    /**
     * Redeems the code of `callbackUrl` (the redirect URI with the provider's query) and
     * returns who signed in. Wrong state, nonce, or an invalid ID token are refused.
     */
    async finish(
      settings: OidcSettings,
      flow: SsoFlow,
      callbackUrl: URL,
    ): Promise<ExternalIdentity> {
      const config = await discover(configurationOf, settings);
      const oidc = await loadOpenIdClient();
      let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
      try {
        tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: flow.codeVerifier,
          expectedState: flow.state,
          expectedNonce: flow.nonce,
          idTokenExpected: true,
        });
      } catch (error) {
        throw new SsoError('provider_failed', `OIDC code exchange failed: ${describe(error)}`, {
          cause: error,
        });
      }
      const claims = tokens.claims()!;
      // Many providers put email and name in the userinfo answer only.
      const info =
        claims.email === undefined
          ? await oidc.fetchUserInfo(config, tokens.access_token, claims.sub).catch(() => undefined)
          : undefined;
      const merged = { ...info, ...claims };
      const email = typeof merged.email === 'string' ? merged.email.trim() : '';
      return {
        provider: 'oidc',
        subject: claims.sub,
        // Only `email_verified: true` counts: an unverified address may be anyone's.
        verifiedEmail: email !== '' && merged.email_verified === true ? email : null,
        preferredUsername: stringOrNull(merged.preferred_username),
        name: stringOrNull(merged.name),
      };
    },
  };
}

async function discover(
  configurationOf: (settings: OidcSettings) => Promise<oidc.Configuration>,
  settings: OidcSettings,
): Promise<oidc.Configuration> {
  try {
    return await configurationOf(settings);
  } catch (error) {
    if (error instanceof SsoError) throw error;
    throw new SsoError('provider_failed', `OIDC discovery failed: ${describe(error)}`, {
      cause: error,
    });
  }
}

function isLoopbackHttp(url: URL): boolean {
  return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

// openid-client's errors name the failed check (e.g. "unexpected ID Token "nonce" claim
// value") and carry no secrets; the code and tokens are never in them.
function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
