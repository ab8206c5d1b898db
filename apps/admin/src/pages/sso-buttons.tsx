import { getSsoProviders, ssoStartPath } from '../api/sso-api';
import { useLoad } from '../components/use-load';
import { useT } from '../i18n/use-t';

/** Reasons the gateway gives in `?sso_error=` when a sign-in through a provider is refused. */
const SSO_ERRORS = [
  'not_enabled',
  'bad_state',
  'provider_failed',
  'sign_up_closed',
  'email_ambiguous',
  'account_disabled',
] as const;

type SsoErrorCode = (typeof SSO_ERRORS)[number];

function ssoErrorOf(search: string): SsoErrorCode | undefined {
  const code = new URLSearchParams(search).get('sso_error');
  return SSO_ERRORS.find((known) => known === code);
}

/**
 * "Sign in with ..." for each identity provider root turned on, and why the last attempt
 * was refused. Plain links: the browser leaves for the provider and comes back signed in.
 */
export function SsoButtons() {
  const t = useT();
  const { state } = useLoad(getSsoProviders);
  const error = ssoErrorOf(window.location.search);
  const providers = state.kind === 'ready' ? state.data : [];
  if (providers.length === 0 && !error) return null;
  return (
    <div className="sso">
      {error && (
        <p className="banner banner-error" role="alert">
          {t(`sso.error.${error}`)}
        </p>
      )}
      {providers.length > 0 && <p className="sso-divider">{t('sso.or')}</p>}
      {providers.map((provider) => (
        <a key={provider.id} className="button sso-button" href={ssoStartPath(provider.id)}>
          {t('sso.signInWith', { name: provider.name })}
        </a>
      ))}
    </div>
  );
}
