import { useState } from 'react';
import { signInWithPasskey } from '../api/passkeys-api';
import { abandonSignIn, type SecondFactorMethod, signInWithCode } from '../api/two-factor-api';
import type { SiteStatus, User } from '../api/types';
import { ErrorBanner } from '../components/error-banner';
import { FormField } from '../components/form-field';
import { LanguageSwitch } from '../components/language-switch';
import { useForm } from '../components/use-form';
import { useT } from '../i18n/use-t';
import { parseSecondFactorCode } from '../lib/parse-two-factor-forms';
import { AuthCard } from './auth-card';

/**
 * The second step of a sign-in that passed its password or identity provider: a code from
 * the authenticator app (or a recovery code), or one of the user's passkeys.
 */
export function SecondFactorPage({
  site,
  methods,
  onSignedIn,
  onCancel,
}: {
  site: SiteStatus;
  methods: readonly SecondFactorMethod[];
  onSignedIn: (user: User) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const [passkeyFailure, setPasskeyFailure] = useState<unknown>(null);
  const form = useForm({
    initial: { code: '' },
    fields: ['code'],
    parse: parseSecondFactorCode,
    send: (value) => signInWithCode(value.code),
    onSuccess: onSignedIn,
  });
  const answerWithPasskey = async () => {
    setPasskeyFailure(null);
    try {
      onSignedIn(await signInWithPasskey('second-factor'));
    } catch (error) {
      setPasskeyFailure(error);
    }
  };

  return (
    <AuthCard
      title={t('secondFactor.title')}
      intro={t('secondFactor.intro')}
      site={site}
      tools={<LanguageSwitch />}
    >
      {methods.includes('totp') && (
        <form className="form" onSubmit={form.onSubmit} noValidate>
          <ErrorBanner error={form.failure} />
          <FormField
            label={t('secondFactor.code')}
            hint={t('secondFactor.codeHint')}
            bind={form.bind('code')}
          >
            <input autoComplete="one-time-code" inputMode="text" />
          </FormField>
          <button type="submit" className="button button-primary" disabled={form.busy}>
            {form.busy ? t('signIn.busy') : t('secondFactor.verify')}
          </button>
        </form>
      )}
      {methods.includes('passkey') && (
        <div className="form">
          <ErrorBanner error={passkeyFailure} />
          <button type="button" className="button" onClick={() => void answerWithPasskey()}>
            {t('secondFactor.usePasskey')}
          </button>
        </div>
      )}
      <p className="auth-switch">
        <button
          type="button"
          className="button button-small"
          onClick={() => void abandonSignIn().finally(onCancel)}
        >
          {t('secondFactor.startOver')}
        </button>
      </p>
    </AuthCard>
  );
}
