import { useState } from 'react';
import { useLocation } from 'react-router';
import { confirmPasswordReset, readLinkToken } from '../api/account-mail-api';
import type { SiteStatus } from '../api/types';
import { ErrorBanner } from '../components/error-banner';
import { FormField } from '../components/form-field';
import { LanguageSwitch } from '../components/language-switch';
import { useForm } from '../components/use-form';
import { useT } from '../i18n/use-t';
import { parseNewPasswordForm } from '../lib/parse-account-mail-forms';
import { AuthCard } from './auth-card';

/**
 * Where a reset link lands: choose a new password. Every session of the account ends with
 * it, so the way on is a full page load of the sign-in page, not an in-app link.
 */
export function ResetPasswordPage({ site }: { site: SiteStatus }) {
  const t = useT();
  const token = readLinkToken(useLocation().hash);
  const [done, setDone] = useState(false);
  const form = useForm({
    initial: { password: '', repeat: '' },
    fields: ['password', 'repeat'],
    parse: parseNewPasswordForm,
    send: ({ password }) => confirmPasswordReset({ token, password }),
    onSuccess: () => setDone(true),
  });
  return (
    <AuthCard
      title={t('reset.title')}
      intro={t('reset.intro')}
      site={site}
      tools={<LanguageSwitch />}
    >
      {done ? (
        <p className="banner banner-success" role="status">
          {t('reset.done')}
        </p>
      ) : (
        <form className="form" onSubmit={form.onSubmit} noValidate aria-label={t('reset.title')}>
          {/* An unknown, used or expired link is the token's error: shown above the form. */}
          {form.banner && <ErrorBanner error={form.banner} />}
          <FormField
            label={t('reset.newPassword')}
            bind={form.bind('password')}
            hint={t('common.passwordHint')}
          >
            <input type="password" autoComplete="new-password" />
          </FormField>
          <FormField label={t('reset.repeatPassword')} bind={form.bind('repeat')}>
            <input type="password" autoComplete="new-password" />
          </FormField>
          <button type="submit" className="button button-primary" disabled={form.busy}>
            {form.busy ? t('common.saving') : t('reset.submit')}
          </button>
        </form>
      )}
      <p className="auth-switch">
        <a href="/">{t('reset.backToSignIn')}</a>
      </p>
    </AuthCard>
  );
}
