import type { User } from '@oneapi/storage';
import { type Context, Hono } from 'hono';
import { auditActorAs } from '../../audit/audit-trail';
import { beginSignIn } from '../../auth/begin-sign-in';
import type { GatewayServices } from '../../compose';
import type { AppEnv } from '../../http/app-env';
import { GatewayError } from '../../http/gateway-error';
import { clientAddress } from '../../http/peer-address';
import { systemSettingsOf } from '../../options/system-settings';
import {
  type ExternalIdentity,
  SSO_PROVIDERS,
  SsoError,
  type SsoErrorCode,
  type SsoProvider,
} from '../../sso/external-identity';
import { createGithubSignIn } from '../../sso/github-sign-in';
import { createOidcSignIn } from '../../sso/oidc-sign-in';
import { publicBaseUrl, redirectUriOf } from '../../sso/redirect-uris';
import { resolveSsoUser } from '../../sso/resolve-sso-user';
import { saveSsoFlow, takeSsoFlow } from '../../sso/sso-flow-cookie';
import { type SsoConfig, ssoSettingsOf } from '../../sso/sso-settings';

/**
 * Sign-in through an identity provider: the enabled providers (public, for the sign-in
 * page), the redirect to one, and its callback, which signs the browser in exactly as a
 * password does and lands it on the dashboard, or on the sign-in page with `?sso_error=`.
 */
export function createSsoRoutes(services: GatewayServices) {
  const app = new Hono<AppEnv>();
  const ssoSettings = ssoSettingsOf(services);
  const siteSettings = systemSettingsOf(services);
  const signIns = {
    oidc: createOidcSignIn(),
    github: createGithubSignIn(services.config.github),
  };

  app.get('/auth/sso', async (c) => {
    const settings = await ssoSettings.read();
    const providers: { id: SsoProvider; name: string }[] = [];
    if (isEnabled(settings, 'oidc')) providers.push({ id: 'oidc', name: settings.oidcDisplayName });
    if (isEnabled(settings, 'github')) providers.push({ id: 'github', name: 'GitHub' });
    return c.json({ providers });
  });

  app.get('/auth/sso/:provider/start', async (c) => {
    const provider = providerOf(c.req.param('provider'));
    try {
      const config = await enabledConfig(provider);
      const { url, flow } = await signIns[provider].start(
        config,
        redirectUriOf(c, services.config, provider),
      );
      saveSsoFlow(c, services.cipher, flow);
      return c.redirect(url.toString(), 302);
    } catch (error) {
      return refuse(c, provider, error);
    }
  });

  app.get('/auth/sso/:provider/callback', async (c) => {
    const provider = providerOf(c.req.param('provider'));
    const flow = takeSsoFlow(c, services.cipher);
    try {
      // No flow (expired, another browser, or no start at all), or one for another provider:
      // the code may be an attacker's, sent to sign this browser in as them.
      if (!flow || flow.provider !== provider)
        throw new SsoError('bad_state', 'No sign-in was started in this browser, or it expired');
      if (new URL(c.req.url).searchParams.get('state') !== flow.state)
        throw new SsoError('bad_state', 'The state does not match this browser’s sign-in');
      const config = await enabledConfig(provider);
      // The redirect URI as registered, with the provider's query: what the code was issued to.
      const callbackUrl = new URL(redirectUriOf(c, services.config, provider));
      callbackUrl.search = new URL(c.req.url).search;
      const identity = await signIns[provider].finish(config, flow, callbackUrl);
      const { user, outcome } = await resolve(c, config, identity);
      // With a second factor, the dashboard finds the sign-in pending and asks for it.
      const signIn = await beginSignIn(c, services, user);
      services.logger.info(
        { provider, userId: user.id, outcome, step: signIn.kind, clientIp: clientAddress(c) },
        'signed in through an identity provider',
      );
      return c.redirect(`${publicBaseUrl(c, services.config)}/`, 302);
    } catch (error) {
      return refuse(c, provider, error);
    }
  });

  const enabledConfig = async (provider: SsoProvider): Promise<SsoConfig> => {
    const config = await ssoSettings.readConfig();
    if (!isEnabled(config, provider))
      throw new SsoError('not_enabled', `Sign-in with ${provider} is not enabled`);
    return config;
  };

  const resolve = async (c: Context<AppEnv>, config: SsoConfig, identity: ExternalIdentity) => {
    const { defaultGroup, newUserQuota } = await siteSettings.read();
    return resolveSsoUser(
      services.storage,
      identity,
      { signUpEnabled: config.ssoSignUpEnabled, defaultGroup, newUserQuota },
      (user: User) => auditActorAs(c, user),
    );
  };

  // The browser is mid-navigation: it gets the sign-in page with a reason it can show, and
  // the log gets the detail (provider messages name checks, never codes or tokens).
  const refuse = (c: Context<AppEnv>, provider: SsoProvider, error: unknown) => {
    const code: SsoErrorCode = error instanceof SsoError ? error.code : 'provider_failed';
    const detail = error instanceof Error ? error.message : String(error);
    if (error instanceof SsoError)
      services.logger.warn({ provider, code, detail }, 'sso sign-in refused');
    else services.logger.error({ provider, err: detail }, 'sso sign-in failed');
    return c.redirect(`${publicBaseUrl(c, services.config)}/?sso_error=${code}`, 302);
  };

  return app;
}

function isEnabled(settings: SsoConfigLike, provider: SsoProvider): boolean {
  return provider === 'oidc'
    ? settings.oidcEnabled && Boolean(settings.oidcIssuerUrl && settings.oidcClientId)
    : settings.githubEnabled && Boolean(settings.githubClientId);
}

type SsoConfigLike = Pick<
  SsoConfig,
  'oidcEnabled' | 'oidcIssuerUrl' | 'oidcClientId' | 'githubEnabled' | 'githubClientId'
>;

/** An unknown provider in the path is a 404 like any unknown route. */
function providerOf(name: string): SsoProvider {
  const provider = SSO_PROVIDERS.find((known) => known === name);
  if (!provider) throw new GatewayError('not_found', `No sign-in provider ${name}`);
  return provider;
}
