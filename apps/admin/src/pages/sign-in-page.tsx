import { Link } from 'react-router';
import { FORGOT_PASSWORD_PATH } from '../api/account-mail-api';
import { type SignInStep, signIn } from '../api/auth-api';
import type { SecondFactorMethod } from '../api/two-factor-api';
import type { SiteStatus, User } from '../api/types';
import { ErrorBanner } from '../components/error-banner';
import { FormField } from '../components/form-field';
import { LanguageSwitch } from '../components/language-switch';
import { useForm } from '../components/use-form';
import { useT } from '../i18n/use-t';
import { PUBLIC_PRICING_PATH, SIGN_UP_PATH } from '../lib/invite-link';
import { parseSignInForm } from '../lib/parse-auth-forms';
import { AuthCard } from './auth-card';
import { PasskeySignIn } from './passkey-sign-in';
import { SsoButtons } from './sso-buttons';

/**
 * Signs in with a username and password, a passkey, or through an identity provider root
 * turned on; either way the gateway sets an httpOnly session cookie, after a second factor
 * when the user has one.
 */
export function SignInPage({
  site,
  onSignedIn,
  onSecondFactor,
}: {
  site: SiteStatus;
  onSignedIn: (user: User) => void;
  onSecondFactor: (methods: SecondFactorMethod[]) => void;
}) {
  const t = useT();
  const form = useForm({
    initial: { username: '', password: '' },
    // Wrong credentials and lock-outs (429) are not about one field: show them above the form.
    fields: [],
    parse: parseSignInForm,
    send: (value) => signIn(value.username, value.password),
    onSuccess: (step: SignInStep) =>
      step.kind === 'signed-in' ? onSignedIn(step.user) : onSecondFactor(step.methods),
  });

  return (
    <AuthCard
      title={t('signIn.title')}
      intro={t('signIn.intro')}
      site={site}
      tools={<LanguageSwitch />}
    >
      <form className="form" onSubmit={form.onSubmit} noValidate>
        <ErrorBanner error={form.failure} />
        <FormField label={t('common.username')} bind={form.bind('username')}>
          <input autoComplete="username" />
        </FormField>
        <FormField label={t('common.password')} bind={form.bind('password')}>
          <input type="password" autoComplete="current-password" />
        </FormField>
        <button type="submit" className="button button-primary" disabled={form.busy}>
          {form.busy ? t('signIn.busy') : t('signIn.title')}
        </button>
      </form>
      {site.passwordReset && (
        <p className="auth-switch">
          <Link to={FORGOT_PASSWORD_PATH}>{t('signIn.forgotPassword')}</Link>
        </p>
      )}
      <PasskeySignIn onSignedIn={onSignedIn} />
      <SsoButtons />
      {site.registrationEnabled && (
        <p className="auth-switch">
          {t('signIn.newHere')} <Link to={SIGN_UP_PATH}>{t('signIn.createAccount')}</Link>
        </p>
      )}
      {site.publicPricing && (
        <p className="auth-switch">
          <Link to={PUBLIC_PRICING_PATH}>{t('signIn.pricing')}</Link>
        </p>
      )}
    </AuthCard>
  );
}
