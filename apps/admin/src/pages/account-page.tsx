import { getSelf } from '../api/auth-api';
import { ErrorBanner } from '../components/error-banner';
import { useLoad } from '../components/use-load';
import { useT } from '../i18n/use-t';
import { EmailSection } from './email-section';
import { LinkedSignIns } from './linked-sign-ins';
import { PasskeysSection } from './passkeys-section';
import { TotpSection } from './totp-section';

/**
 * One's own account, in one place: the email and whether it is verified, the linked
 * sign-ins, and how one signs in beyond the password (an authenticator app, passkeys).
 */
export function AccountPage() {
  const t = useT();
  const { state, reload } = useLoad(getSelf);
  return (
    <>
      <div className="page-head">
        <h1>{t('account.title')}</h1>
      </div>
      {state.kind === 'loading' && <p className="muted">{t('common.loading')}</p>}
      {state.kind === 'error' && <ErrorBanner error={state.error} />}
      {state.kind === 'ready' && (
        <section className="card">
          <p>
            {t('common.username')}: <strong>{state.data.username}</strong>
          </p>
          <EmailSection self={state.data} onChanged={reload} />
          <LinkedSignIns own />
        </section>
      )}
      <TotpSection />
      <PasskeysSection />
    </>
  );
}
