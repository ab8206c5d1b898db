import { useState } from 'react';
import { requestEmailVerification, updateOwnEmail } from '../api/account-mail-api';
import type { SelfUser } from '../api/types';
import { ErrorBanner } from '../components/error-banner';
import { FormField } from '../components/form-field';
import { useForm } from '../components/use-form';
import { useT } from '../i18n/use-t';
import { formatDate } from '../lib/format';
import { parseEmailForm } from '../lib/parse-account-mail-forms';

/** One's email, whether it is verified (and a link to verify it), and a form to change it. */
export function EmailSection({ self, onChanged }: { self: SelfUser; onChanged: () => void }) {
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
