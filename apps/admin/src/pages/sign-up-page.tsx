import { Link, useLocation } from 'react-router';
import type { Registration } from '../api/auth-api';
import { register, signIn } from '../api/auth-api';
import type { SiteStatus, User } from '../api/types';
import { ErrorBanner } from '../components/error-banner';
import { FormField } from '../components/form-field';
import { LanguageSwitch } from '../components/language-switch';
import { useForm } from '../components/use-form';
import { t } from '../i18n/t';
import { useT } from '../i18n/use-t';
import { readInviteCode } from '../lib/invite-link';
import { parseSignUpForm } from '../lib/parse-auth-forms';
import { AuthCard } from './auth-card';

const FIELDS = ['username', 'password', 'email', 'inviteCode'];

/** Creates the account, then signs in with it: registering sets no session. */
async function registerAndSignIn(registration: Registration): Promise<User> {
  await register(registration);
  try {
    const step = await signIn(registration.username, registration.password);
    // A new account has no second factor yet.
    if (step.kind !== 'signed-in') throw new Error(t('signIn.secondFactorTitle'));
    return step.user;
  } catch (error) {
    // Sending the form again would only answer "taken": say the account is there.
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(t('signUp.signInFailed', { reason }));
  }
}

/** Self-service sign-up while root has it open; an invite link fills in the code. */
export function SignUpPage({
  site,
  onSignedIn,
}: {
  site: SiteStatus;
  onSignedIn: (user: User) => void;
}) {
  useT(); // re-renders on a language switch; `t` is the module's
  const { search } = useLocation();
  const form = useForm({
    initial: () => ({ username: '', password: '', email: '', inviteCode: readInviteCode(search) }),
    // A taken username (409) and an unknown code (400) land beside their fields.
    fields: FIELDS,
    parse: parseSignUpForm,
    send: registerAndSignIn,
    onSuccess: onSignedIn,
  });

  if (!site.registrationEnabled)
    return (
      <AuthCard
        title={t('signUp.closedTitle')}
        intro={t('signUp.closedIntro')}
        site={site}
        tools={<LanguageSwitch />}
      >
        <p className="auth-switch">
          <Link to="/">{t('signIn.title')}</Link>
        </p>
      </AuthCard>
    );

  return (
    <AuthCard
      title={t('signUp.title')}
      intro={t('signUp.intro')}
      site={site}
      tools={<LanguageSwitch />}
    >
      <form className="form" onSubmit={form.onSubmit} noValidate aria-label={t('signUp.title')}>
        {form.banner && <ErrorBanner error={form.banner} />}
        <FormField
          label={t('common.username')}
          bind={form.bind('username')}
          hint={t('common.usernameHint')}
        >
          <input autoComplete="username" />
        </FormField>
        <FormField
          label={t('common.password')}
          bind={form.bind('password')}
          hint={t('common.passwordHint')}
        >
          <input type="password" autoComplete="new-password" />
        </FormField>
        <FormField label={t('common.email')} bind={form.bind('email')} hint={t('common.optional')}>
          <input type="email" autoComplete="email" />
        </FormField>
        <FormField
          label={t('signUp.inviteCode')}
          bind={form.bind('inviteCode')}
          hint={t('common.optional')}
        >
          <input autoComplete="off" spellCheck={false} />
        </FormField>
        <button type="submit" className="button button-primary" disabled={form.busy}>
          {form.busy ? t('common.creating') : t('signUp.submit')}
        </button>
      </form>
      <p className="auth-switch">
        {t('signUp.haveAccount')} <Link to="/">{t('signIn.title')}</Link>
      </p>
    </AuthCard>
  );
}
