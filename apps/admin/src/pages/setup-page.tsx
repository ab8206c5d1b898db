import { type FormEvent, useState } from 'react';
import { runSetup } from '../api/auth-api';
import { ErrorBanner } from '../components/error-banner';
import { FormField } from '../components/form-field';
import { toSubmitFailure } from '../lib/server-errors';
import { checkPassword, checkUsername, compactErrors, type FieldErrors } from '../lib/validation';
import { AuthCard } from './auth-card';

const FIELDS = ['setupToken', 'username', 'password'] as const;

/** First run: creates the root account with the one-time token the gateway printed. */
export function SetupPage({ onDone }: { onDone: () => void }) {
  const [setupToken, setSetupToken] = useState('');
  const [username, setUsername] = useState('root');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = compactErrors({
      setupToken: setupToken.trim() === '' ? 'Paste the token from the gateway log' : undefined,
      username: checkUsername(username),
      password: checkPassword(password),
    });
    setErrors(found);
    setBanner(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      await runSetup({ setupToken: setupToken.trim(), username, password });
      onDone();
    } catch (error) {
      const failure = toSubmitFailure(error, FIELDS);
      setErrors(failure.fields);
      setBanner(failure.banner);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthCard
      title="Set up oneapi"
      intro="Create the root account. The one-time setup token is printed in the gateway's log on first start."
    >
      <form className="form" onSubmit={submit} noValidate>
        {banner && <ErrorBanner error={banner} />}
        <FormField label="Setup token" error={errors.setupToken}>
          <input
            value={setupToken}
            onChange={(event) => setSetupToken(event.target.value)}
            autoComplete="off"
            spellCheck={false}
          />
        </FormField>
        <FormField label="Username" error={errors.username}>
          <input
            value={username}
            onChange={(event) => setUsername(event.target.value)}
            autoComplete="username"
          />
        </FormField>
        <FormField label="Password" error={errors.password} hint="At least 8 characters">
          <input
            type="password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
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
