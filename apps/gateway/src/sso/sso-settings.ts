import { asRecord } from '@oneapi/adapters';
import type { OptionsRepository } from '@oneapi/storage';
import { z } from 'zod';
import type { GatewayServices } from '../compose';
import type { KeyCipher } from '../secrets/key-cipher';
import { rotateSealedOptionFields } from '../secrets/rotate-sealed-option';

/** The options row holding the sign-in providers' settings, client secrets encrypted. */
export const SSO_OPTION = 'sso';

const clientId = z.string().trim().max(255);
/** Write-only: an empty string clears the secret. */
const clientSecret = z.string().trim().max(1024);

const ssoFields = {
  /** Whether a first sign-in through a provider, matching no user, creates an account. */
  ssoSignUpEnabled: z.boolean(),
  /** Whether the "Sign in with <oidcDisplayName>" button shows and works. */
  oidcEnabled: z.boolean(),
  /** The OpenID Connect issuer; its `/.well-known/openid-configuration` is read from it. */
  oidcIssuerUrl: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .max(512)
    .nullable(),
  oidcClientId: clientId,
  /** The provider's name on the sign-in button. */
  oidcDisplayName: z.string().trim().min(1).max(64),
  /** Space-separated scopes to ask for; `openid` is required. */
  oidcScopes: z
    .string()
    .trim()
    .max(255)
    .refine((scopes) => scopes.split(/\s+/).includes('openid'), 'must include openid'),
  /** Whether the "Sign in with GitHub" button shows and works. */
  githubEnabled: z.boolean(),
  githubClientId: clientId,
};

const ssoSettingsSchema = z.strictObject(ssoFields);
/** What root may change; the secrets are write-only. */
export const ssoSettingsPatch = ssoSettingsSchema
  .extend({ oidcClientSecret: clientSecret, githubClientSecret: clientSecret })
  .partial();

export type SsoSettings = z.infer<typeof ssoSettingsSchema>;
export type SsoSettingsPatch = z.infer<typeof ssoSettingsPatch>;

/** The settings and the decrypted client secrets (empty: none), for the sign-in routes only. */
export interface SsoConfig extends SsoSettings {
  readonly oidcClientSecret: string;
  readonly githubClientSecret: string;
}

export const DEFAULT_SSO_SETTINGS: SsoSettings = {
  // Off until root opens it, as password sign-up is.
  ssoSignUpEnabled: false,
  oidcEnabled: false,
  oidcIssuerUrl: null,
  oidcClientId: '',
  oidcDisplayName: 'SSO',
  oidcScopes: 'openid email profile',
  githubEnabled: false,
  githubClientId: '',
};

const SECRET_NAMES = ['oidcClientSecret', 'githubClientSecret'] as const;

/** Moves the stored client secrets from `from`'s key to `to`'s, for `oneapi rotate-key`. */
export function rotateSsoSecrets(
  options: Pick<OptionsRepository, 'get' | 'set'>,
  from: KeyCipher,
  to: KeyCipher,
): Promise<number> {
  return rotateSealedOptionFields(options, SSO_OPTION, SECRET_NAMES, from, to);
}

/**
 * The sign-in providers' settings in the options table. Read on every use (sign-ins are
 * rare), so every instance sees a change at once. Client secrets are kept as channel keys
 * are, encrypted under KEY_ENCRYPTION_KEY, and leave this module only as `…Set` flags or
 * to the code that talks to the provider.
 */
export function createSsoSettingsStore(
  options: Pick<OptionsRepository, 'get' | 'set'>,
  cipher: KeyCipher,
) {
  const readStored = async () => asRecord(await options.get(SSO_OPTION));
  const settingsOf = (stored: Record<string, unknown>): SsoSettings => {
    const settings: Record<string, unknown> = { ...DEFAULT_SSO_SETTINGS };
    // A field that no longer parses falls back to its default, as the site settings do.
    for (const [name, schema] of Object.entries(ssoFields)) {
      const parsed = schema.safeParse(stored[name]);
      if (Object.hasOwn(stored, name) && parsed.success) settings[name] = parsed.data;
    }
    return settings as SsoSettings;
  };
  const secretOf = (stored: Record<string, unknown>, name: string): string => {
    const sealed = stored[name];
    return typeof sealed === 'string' && sealed !== '' ? cipher.decrypt(sealed) : '';
  };

  return {
    /** What the admin API shows: the settings, and whether each secret is set. */
    async read() {
      const stored = await readStored();
      return {
        ...settingsOf(stored),
        oidcClientSecretSet:
          typeof stored.oidcClientSecret === 'string' && stored.oidcClientSecret !== '',
        githubClientSecretSet:
          typeof stored.githubClientSecret === 'string' && stored.githubClientSecret !== '',
      };
    },

    /** The settings with the secrets in clear, for talking to the providers. */
    async readConfig(): Promise<SsoConfig> {
      const stored = await readStored();
      return {
        ...settingsOf(stored),
        oidcClientSecret: secretOf(stored, 'oidcClientSecret'),
        githubClientSecret: secretOf(stored, 'githubClientSecret'),
      };
    },

    /** Applies `patch` (secrets encrypted, fields this version does not know kept). */
    async update(patch: SsoSettingsPatch): Promise<void> {
      const stored = await readStored();
      const next: Record<string, unknown> = { ...stored, ...patch };
      for (const name of SECRET_NAMES) {
        const secret = patch[name];
        if (secret !== undefined) next[name] = secret === '' ? '' : cipher.encrypt(secret);
      }
      await options.set(SSO_OPTION, next);
    },
  };
}

export type SsoSettingsStore = ReturnType<typeof createSsoSettingsStore>;

/** The store over a gateway's options table and cipher. */
export function ssoSettingsOf(services: Pick<GatewayServices, 'storage' | 'cipher'>) {
  return createSsoSettingsStore(services.storage.repositories.options, services.cipher);
}
