import { runSetup } from '../api/auth-api';
import { ErrorBanner } from '../components/error-banner';
import { FormField } from '../components/form-field';
import { useForm } from '../components/use-form';
import { parseSetupForm } from '../lib/parse-auth-forms';
import { AuthCard } from './auth-card';

const FIELDS = ['setupToken', 'username', 'password'] as const;

/** First run: creates the root account with the one-time token the gateway printed. */
export function SetupPage({ onDone }: { onDone: () => void }) {
  const {
    values: input,
    set,
    errors,
    banner,
    busy,
    onSubmit,
  } = useForm({
    initial: { setupToken: '', username: 'root', password: '' },
    fields: FIELDS,
    parse: parseSetupForm,
    send: runSetup,
    onSuccess: onDone,
  });

  return (
    <AuthCard
      title="Set up oneapi"
      intro="Create the root account. The one-time setup token is printed in the gateway's log on first start."
    >
      <form className="form" onSubmit={onSubmit} noValidate>
        {banner && <ErrorBanner error={banner} />}
        <FormField label="Setup token" error={errors.setupToken}>
          <input
            value={input.setupToken}
            onChange={(event) => set('setupToken', event.target.value)}
            autoComplete="off"
            spellCheck={false}
          />
        </FormField>
        <FormField label="Username" error={errors.username}>
          <input
            value={input.username}
            onChange={(event) => set('username', event.target.value)}
            autoComplete="username"
          />
        </FormField>
        <FormField label="Password" error={errors.password} hint="At least 8 characters">
          <input
            type="password"
            value={input.password}
            onChange={(event) => set('password', event.target.value)}
            autoComplete="new-password"
          />
        </FormField>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create root account'}
        </button>
      </form>
    </AuthCard>
  );
}
