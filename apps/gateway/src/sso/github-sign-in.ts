import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { ExternalIdentity } from './external-identity';
import { SsoError } from './external-identity';
import type { SsoFlow } from './sso-flow-cookie';
import type { SsoConfig } from './sso-settings';

type GithubSettings = Pick<SsoConfig, 'githubClientId' | 'githubClientSecret'>;

export interface GithubEndpoints {
  /** Where the authorize page and the token endpoint are: https://github.com. */
  readonly oauthBaseUrl: string;
  /** Where the REST API is: https://api.github.com. */
  readonly apiBaseUrl: string;
}

// The documented answers (docs.github.com: "Authorizing OAuth apps", "REST API: users").
const tokenAnswer = z.object({
  access_token: z.string().min(1).optional(),
  error: z.string().optional(),
  error_description: z.string().optional(),
});
const githubUser = z.object({
  id: z.number().int(),
  login: z.string(),
  name: z.string().nullable().optional(),
});
const githubEmails = z.array(
  z.object({ email: z.string(), primary: z.boolean(), verified: z.boolean() }),
);

/**
 * Sign-in with a GitHub OAuth app. GitHub is not an OpenID provider: the account comes from
 * `GET /user`, and the email from `GET /user/emails` (only the primary one, and only when
 * GitHub has verified it; the profile's public email is not checked by GitHub).
 */
export function createGithubSignIn(endpoints: GithubEndpoints, fetchFn: typeof fetch = fetch) {
  const oauthBase = endpoints.oauthBaseUrl.replace(/\/+$/, '');
  const apiBase = endpoints.apiBaseUrl.replace(/\/+$/, '');

  const getJson = async (path: string, accessToken: string): Promise<unknown> => {
    const response = await fetchFn(`${apiBase}${path}`, {
      headers: {
        accept: 'application/vnd.github+json',
        authorization: `Bearer ${accessToken}`,
        'x-github-api-version': '2022-11-28',
        'user-agent': 'oneapi',
      },
    });
    if (!response.ok)
      throw new SsoError('provider_failed', `GitHub ${path} answered ${response.status}`);
    return response.json();
  };

  return {
    start(settings: GithubSettings, redirectUri: string): { url: URL; flow: SsoFlow } {
      if (!settings.githubClientId || !settings.githubClientSecret)
        throw new SsoError('not_enabled', 'GitHub sign-in has no client id or secret');
      const state = randomBytes(32).toString('base64url');
      const url = new URL(`${oauthBase}/login/oauth/authorize`);
      url.search = new URLSearchParams({
        client_id: settings.githubClientId,
        redirect_uri: redirectUri,
        // user:email lets GET /user/emails answer; read:user is implied by any token.
        scope: 'read:user user:email',
        state,
        allow_signup: 'false',
      }).toString();
      return { url, flow: { provider: 'github', state } };
    },

    async finish(
      settings: GithubSettings,
      flow: SsoFlow,
      callbackUrl: URL,
    ): Promise<ExternalIdentity> {
      const code = callbackUrl.searchParams.get('code');
      if (callbackUrl.searchParams.get('state') !== flow.state)
        throw new SsoError('bad_state', 'The state does not match this browser’s sign-in');
      if (!code) throw new SsoError('provider_failed', 'GitHub sent no code');
      const response = await fetchFn(`${oauthBase}/login/oauth/access_token`, {
        method: 'POST',
        // Form-encoded, as GitHub documents; `Accept` makes the answer JSON.
        headers: { accept: 'application/json' },
        body: new URLSearchParams({
          client_id: settings.githubClientId,
          client_secret: settings.githubClientSecret,
          code,
          redirect_uri: `${callbackUrl.origin}${callbackUrl.pathname}`,
        }),
      });
      const answer = tokenAnswer.safeParse(response.ok ? await response.json() : {});
      // GitHub answers a bad code 200 with {error}; the description names no secret.
      if (!answer.success || !answer.data.access_token)
        throw new SsoError(
          'provider_failed',
          `GitHub refused the code: ${answer.data?.error_description ?? answer.data?.error ?? response.status}`,
        );
      const accessToken = answer.data.access_token;
      const user = githubUser.safeParse(await getJson('/user', accessToken));
      const emails = githubEmails.safeParse(await getJson('/user/emails', accessToken));
      if (!user.success || !emails.success)
        throw new SsoError('provider_failed', 'GitHub answered in an unexpected shape');
      const primary = emails.data.find((entry) => entry.primary && entry.verified);
      return {
        provider: 'github',
        subject: String(user.data.id),
        verifiedEmail: primary?.email ?? null,
        preferredUsername: user.data.login,
        name: user.data.name ?? null,
      };
    },
  };
}
