import { useState } from 'react';
import {
  type LinkedIdentity,
  listOwnIdentities,
  listUserIdentities,
  unlinkOwnIdentity,
} from '../api/sso-api';
import { ErrorBanner } from '../components/error-banner';
import { useLoad } from '../components/use-load';
import { useT } from '../i18n/use-t';
import { formatDate } from '../lib/format';

/**
 * The OpenID Connect and GitHub accounts a user signs in with: an admin sees anyone's
 * (`userId`); a user sees their own (`own`) and may unlink them, except the last one of an
 * account without a password (the gateway refuses that with its reason).
 */
export function LinkedSignIns(props: { userId: number } | { own: true }) {
  const t = useT();
  const own = 'own' in props;
  const { state, reload } = useLoad(() =>
    own ? listOwnIdentities() : listUserIdentities(props.userId),
  );
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const unlink = async (identity: LinkedIdentity) => {
    setFailure(null);
    setBusy(true);
    try {
      await unlinkOwnIdentity(identity.id);
      reload();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-label={t('identities.title')}>
      <h3>{t('identities.title')}</h3>
      {state.kind === 'loading' && <p className="muted">{t('common.loading')}</p>}
      {state.kind === 'error' && <ErrorBanner error={state.error} />}
      <ErrorBanner error={failure} />
      {state.kind === 'ready' && state.data.length === 0 && (
        <p className="muted">{t('identities.none')}</p>
      )}
      {state.kind === 'ready' && state.data.length > 0 && (
        <ul>
          {state.data.map((identity) => {
            const name = `${t(`identities.provider.${identity.provider}`)}: ${identity.email ?? identity.subject}`;
            return (
              <li key={identity.id}>
                {name}{' '}
                <span className="muted">
                  ({t('identities.since', { date: formatDate(identity.createdAt) })})
                </span>
                {own && (
                  <>
                    {' '}
                    <button
                      type="button"
                      className="button button-small"
                      disabled={busy}
                      aria-label={t('identities.unlinkOne', { name })}
                      onClick={() => void unlink(identity)}
                    >
                      {t('identities.unlink')}
                    </button>
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
