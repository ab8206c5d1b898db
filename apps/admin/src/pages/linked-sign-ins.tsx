import { listUserIdentities } from '../api/sso-api';
import { ErrorBanner } from '../components/error-banner';
import { useLoad } from '../components/use-load';
import { useT } from '../i18n/use-t';
import { formatDate } from '../lib/format';

/** The OpenID Connect and GitHub accounts a user signs in with, for an admin to see. */
export function LinkedSignIns({ userId }: { userId: number }) {
  const t = useT();
  const { state } = useLoad(() => listUserIdentities(userId));
  return (
    <section aria-label={t('identities.title')}>
      <h3>{t('identities.title')}</h3>
      {state.kind === 'error' && <ErrorBanner error={state.error} />}
      {state.kind === 'ready' && state.data.length === 0 && (
        <p className="muted">{t('identities.none')}</p>
      )}
      {state.kind === 'ready' && state.data.length > 0 && (
        <ul>
          {state.data.map((identity) => (
            <li key={identity.id}>
              {t(`identities.provider.${identity.provider}`)}: {identity.email ?? identity.subject}{' '}
              <span className="muted">
                ({t('identities.since', { date: formatDate(identity.createdAt) })})
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
