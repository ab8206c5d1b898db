import { request } from './request';

/** An identity provider the sign-in page offers (GET /api/auth/sso). */
export interface SsoProvider {
  readonly id: 'oidc' | 'github';
  /** The name on the button: the OIDC display name setting, or GitHub. */
  readonly name: string;
}

export const getSsoProviders = () =>
  request<{ providers: SsoProvider[] }>('GET', '/api/auth/sso').then((body) => body.providers);

/** Where the sign-in button goes: the gateway redirects on to the provider. */
export const ssoStartPath = (id: SsoProvider['id']) => `/api/auth/sso/${id}/start`;

/** GET /api/settings/sso (see apps/gateway/src/sso/sso-settings.ts). */
export interface SsoSettings {
  /** Whether a first sign-in matching no user creates an account. */
  readonly ssoSignUpEnabled: boolean;
  readonly oidcEnabled: boolean;
  /** The issuer whose /.well-known/openid-configuration is read; null: none. */
  readonly oidcIssuerUrl: string | null;
  readonly oidcClientId: string;
  /** The name on the sign-in button. */
  readonly oidcDisplayName: string;
  /** Space-separated; includes openid. */
  readonly oidcScopes: string;
  readonly githubEnabled: boolean;
  readonly githubClientId: string;
  /** Secrets are write-only: only whether each is set comes back. */
  readonly oidcClientSecretSet: boolean;
  readonly githubClientSecretSet: boolean;
  /** What to register at each provider as the redirect (callback) URL. */
  readonly redirectUris: { readonly oidc: string; readonly github: string };
}

export type SsoSettingsPatch = Partial<
  Omit<SsoSettings, 'oidcClientSecretSet' | 'githubClientSecretSet' | 'redirectUris'> & {
    oidcClientSecret: string;
    githubClientSecret: string;
  }
>;

export const getSsoSettings = () => request<SsoSettings>('GET', '/api/settings/sso');

/** Root only; answers with the settings after the change. */
export const updateSsoSettings = (patch: SsoSettingsPatch) =>
  request<SsoSettings>('PATCH', '/api/settings/sso', patch);

/** An account at an identity provider linked to a user (GET /api/users/:id/identities). */
export interface LinkedIdentity {
  readonly id: number;
  readonly provider: SsoProvider['id'];
  /** The provider's account id: OIDC `sub`, GitHub's user id. */
  readonly subject: string;
  /** The verified email the provider gave when the link was made. */
  readonly email: string | null;
  readonly createdAt: number;
}

export const listUserIdentities = (userId: number) =>
  request<{ items: LinkedIdentity[] }>('GET', `/api/users/${userId}/identities`).then(
    (body) => body.items,
  );

export const listOwnIdentities = () =>
  request<{ items: LinkedIdentity[] }>('GET', '/api/user/self/identities').then(
    (body) => body.items,
  );

/** Refused (409) when it is the account's only way to sign in. */
export const unlinkOwnIdentity = (id: number) =>
  request<void>('DELETE', `/api/user/self/identities/${id}`);
