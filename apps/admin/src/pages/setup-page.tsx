import { runSetup } from '../api/auth-api';
import { ErrorBanner } from '../components/error-banner';
import { FormField } from '../components/form-field';
import { LanguageSwitch } from '../components/language-switch';
import { useForm } from '../components/use-form';
import { useT } from '../i18n/use-t';
import { parseSetupForm } from '../lib/parse-auth-forms';
import { AuthCard } from './auth-card';

const FIELDS = ['setupToken', 'username', 'password'] as const;

/** First run: creates the root account with the one-time token the gateway printed. */
export function SetupPage({ onDone }: { onDone: () => void }) {
  const t = useT();
  const form = useForm({
    initial: { setupToken: '', username: 'root', password: '' },
    fields: FIELDS,
    parse: parseSetupForm,
    send: runSetup,
    onSuccess: onDone,
  });

  return (
    <AuthCard title={t('setup.title')} intro={t('setup.intro')} tools={<LanguageSwitch />}>
      <form className="form" onSubmit={form.onSubmit} noValidate>
        {form.banner && <ErrorBanner error={form.banner} />}
        <FormField label={t('setup.token')} bind={form.bind('setupToken')}>
          <input autoComplete="off" spellCheck={false} />
        </FormField>
        <FormField label={t('common.username')} bind={form.bind('username')}>
          <input autoComplete="username" />
        </FormField>
        <FormField
          label={t('common.password')}
          bind={form.bind('password')}
          hint={t('common.passwordHint')}
        >
          <input type="password" autoComplete="new-password" />
        </FormField>
        <button type="submit" className="button button-primary" disabled={form.busy}>
          {form.busy ? t('common.creating') : t('setup.submit')}
        </button>
      </form>
    </AuthCard>
  );
}
