import { useState } from 'react';
import { Link } from 'react-router';
import { requestPasswordReset } from '../api/account-mail-api';
import type { SiteStatus } from '../api/types';
import { ErrorBanner } from '../components/error-banner';
import { FormField } from '../components/form-field';
import { LanguageSwitch } from '../components/language-switch';
import { useForm } from '../components/use-form';
import { useT } from '../i18n/use-t';
import { parseForgotPasswordForm } from '../lib/parse-account-mail-forms';
import { AuthCard } from './auth-card';

/**
 * "Forgot password?": asks for a reset link by email. The answer never says whether an
 * account has the address, so neither does this page.
 */
export function ForgotPasswordPage({ site }: { site: SiteStatus }) {
  const t = useT();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useForm({
    initial: { email: '' },
    fields: ['email'],
    parse: parseForgotPasswordForm,
    send: async ({ email }) => {
      await requestPasswordReset(email);
      return email;
    },
    onSuccess: setSentTo,
  });
  return (
    <AuthCard
      title={t('reset.forgotTitle')}
      intro={t('reset.forgotIntro')}
      site={site}
      tools={<LanguageSwitch />}
    >
      {sentTo ? (
        <p className="banner banner-success" role="status">
          {t('reset.linkSent', { email: sentTo })}
        </p>
      ) : (
        <form
          className="form"
          onSubmit={form.onSubmit}
          noValidate
          aria-label={t('reset.forgotTitle')}
        >
          {form.banner && <ErrorBanner error={form.banner} />}
          <FormField label={t('common.email')} bind={form.bind('email')}>
            <input type="email" autoComplete="email" />
          </FormField>
          <button type="submit" className="button button-primary" disabled={form.busy}>
            {form.busy ? t('alerts.sending') : t('reset.sendLink')}
          </button>
        </form>
      )}
      <p className="auth-switch">
        <Link to="/">{t('reset.backToSignIn')}</Link>
      </p>
    </AuthCard>
  );
}
