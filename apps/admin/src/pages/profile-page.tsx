import { useState } from 'react';
import { requestEmailVerification, updateOwnEmail } from '../api/account-mail-api';
import { getSelf } from '../api/auth-api';
import type { SelfUser } from '../api/types';
import { ErrorBanner } from '../components/error-banner';
import { FormField } from '../components/form-field';
import { useForm } from '../components/use-form';
import { useLoad } from '../components/use-load';
import { useT } from '../i18n/use-t';
import { formatDate } from '../lib/format';
import { parseEmailForm } from '../lib/parse-account-mail-forms';
import { LinkedSignIns } from './linked-sign-ins';

/** One's own account: the email and whether it is verified, and the linked sign-ins. */
export function ProfilePage() {
  const t = useT();
  const { state, reload } = useLoad(getSelf);
  return (
    <>
      <h1>{t('profile.title')}</h1>
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
    </>
  );
}

function EmailSection({ self, onChanged }: { self: SelfUser; onChanged: () => void }) {
  const t = useT();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [sending, setSending] = useState(false);
  const form = useForm({
    initial: { email: self.email ?? '' },
    fields: ['email'],
    parse: parseEmailForm,
    send: ({ email }) => updateOwnEmail(email),
    onSuccess: () => {
      setSentTo(null);
      onChanged();
    },
  });
  const sendLink = async () => {
    setFailure(null);
    setSending(true);
    try {
      setSentTo((await requestEmailVerification()).sentTo);
    } catch (error) {
      setFailure(error);
    } finally {
      setSending(false);
    }
  };
  return (
    <section aria-label={t('profile.emailTitle')}>
      <h3>{t('profile.emailTitle')}</h3>
      {self.email &&
        (self.emailVerifiedAt !== null ? (
          <p>
            <span className="badge badge-good">{t('profile.verified')}</span>{' '}
            <span className="muted">{formatDate(self.emailVerifiedAt)}</span>
          </p>
        ) : (
          <p>
            <span className="badge badge-muted">{t('profile.unverified')}</span>{' '}
            <button
              type="button"
              className="button button-small"
              disabled={sending}
              onClick={() => void sendLink()}
            >
              {sending ? t('alerts.sending') : t('profile.sendVerification')}
            </button>
          </p>
        ))}
      {sentTo && (
        <p className="banner banner-success" role="status">
          {t('profile.verificationSent', { email: sentTo })}
        </p>
      )}
      <ErrorBanner error={failure} />
      <form className="form" onSubmit={form.onSubmit} noValidate>
        {form.banner && <ErrorBanner error={form.banner} />}
        <FormField
          label={t('common.email')}
          bind={form.bind('email')}
          hint={t('profile.emailHint')}
        >
          <input type="email" autoComplete="email" />
        </FormField>
        <button type="submit" className="button" disabled={form.busy}>
          {form.busy ? t('common.saving') : t('profile.saveEmail')}
        </button>
      </form>
    </section>
  );
}
