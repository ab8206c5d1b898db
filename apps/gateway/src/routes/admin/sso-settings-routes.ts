import { type Context, Hono } from 'hono';
import { auditActorOf, recordAudit } from '../../audit/audit-trail';
import type { GatewayServices } from '../../compose';
import type { AppEnv } from '../../http/app-env';
import { GatewayError } from '../../http/gateway-error';
import { parseBody } from '../../http/parse-body';
import { SSO_PROVIDERS } from '../../sso/external-identity';
import { redirectUriOf } from '../../sso/redirect-uris';
import { ssoSettingsOf, ssoSettingsPatch } from '../../sso/sso-settings';

/**
 * Sign-in through identity providers (OpenID Connect, GitHub): admins read the settings and
 * the redirect URIs to register at each provider; root changes them. Client secrets are
 * write-only: the answer says whether each is set.
 */
export function createSsoSettingsRoutes(services: GatewayServices) {
  const app = new Hono<AppEnv>();
  const store = ssoSettingsOf(services);
  const view = async (c: Context) => ({
    ...(await store.read()),
    redirectUris: Object.fromEntries(
      SSO_PROVIDERS.map((provider) => [provider, redirectUriOf(c, services.config, provider)]),
    ),
  });

  app.get('/settings/sso', async (c) => c.json(await view(c)));

  app.patch('/settings/sso', async (c) => {
    const patch = await parseBody(c, ssoSettingsPatch);
    const before = await store.read();
    const after = { ...before, ...patch };
    // Turning a provider on needs what it cannot work without; say which, by name.
    if (after.oidcEnabled) {
      if (!after.oidcIssuerUrl) missing('oidcIssuerUrl', 'OIDC sign-in needs an issuer URL');
      if (!after.oidcClientId) missing('oidcClientId', 'OIDC sign-in needs a client id');
    }
    if (after.githubEnabled) {
      if (!after.githubClientId) missing('githubClientId', 'GitHub sign-in needs a client id');
      const secretSet =
        patch.githubClientSecret === undefined
          ? before.githubClientSecretSet
          : patch.githubClientSecret !== '';
      if (!secretSet) missing('githubClientSecret', 'GitHub sign-in needs a client secret');
    }
    await store.update(patch);
    const saved = await view(c);
    const changed = Object.keys(patch) as (keyof typeof patch)[];
    // Secrets are recorded as changed, never as values (maskSecrets masks them by name too).
    const shown = (settings: Record<string, unknown>) =>
      Object.fromEntries(
        changed.map((name) => [name, name.endsWith('Secret') ? '(changed)' : settings[name]]),
      );
    await recordAudit(services.storage.repositories, auditActorOf(c), {
      action: 'update',
      entityType: 'setting',
      entityId: `sso:${changed.join(',')}`.slice(0, 191),
      before: shown(before),
      after: shown(saved),
    });
    return c.json(saved);
  });

  return app;
}

function missing(param: string, message: string): never {
  throw new GatewayError('invalid_request', `${param}: ${message}`, { param });
}
