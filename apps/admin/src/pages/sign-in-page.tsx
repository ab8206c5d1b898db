import { type FormEvent, useState } from 'react';
import { signIn } from '../api/auth-api';
import type { User } from '../api/types';
import { ErrorBanner } from '../components/error-banner';
import { FormField } from '../components/form-field';
import { compactErrors, type FieldErrors } from '../lib/validation';
import { AuthCard } from './auth-card';

/** Signs in with a username and password; the gateway sets an httpOnly session cookie. */
export function SignInPage({ onSignedIn }: { onSignedIn: (user: User) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = compactErrors({
      username: username.trim() === '' ? 'Enter your username' : undefined,
      password: password === '' ? 'Enter your password' : undefined,
    });
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      onSignedIn(await signIn(username.trim(), password));
    } catch (error) {
      // Wrong credentials and lock-outs (429) are not about one field: show them above the form.
      setFailure(error);
      setBusy(false);
    }
  };

  return (
    <AuthCard title="Sign in" intro="Manage channels, API keys and users.">
      <form className="form" onSubmit={submit} noValidate>
        <ErrorBanner error={failure} />
        <FormField label="Username" error={errors.username}>
          <input
            value={username}
            onChange={(event) => setUsername(event.target.value)}
            autoComplete="username"
          />
        </FormField>
        <FormField label="Password" error={errors.password}>
          <input
            type="password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            autoComplete="current-password"
          />
        </FormField>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </AuthCard>
  );
}
