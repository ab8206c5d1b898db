import { Link } from 'react-router';
import { signIn } from '../api/auth-api';
import type { SiteStatus, User } from '../api/types';
import { ErrorBanner } from '../components/error-banner';
import { FormField } from '../components/form-field';
import { useForm } from '../components/use-form';
import { SIGN_UP_PATH } from '../lib/invite-link';
import { parseSignInForm } from '../lib/parse-auth-forms';
import { AuthCard } from './auth-card';

/** Signs in with a username and password; the gateway sets an httpOnly session cookie. */
export function SignInPage({
  site,
  onSignedIn,
}: {
  site: SiteStatus;
  onSignedIn: (user: User) => void;
}) {
  const {
    values: input,
    set,
    errors,
    failure,
    busy,
    onSubmit,
  } = useForm({
    initial: { username: '', password: '' },
    // Wrong credentials and lock-outs (429) are not about one field: show them above the form.
    fields: [],
    parse: parseSignInForm,
    send: (value) => signIn(value.username, value.password),
    onSuccess: onSignedIn,
  });

  return (
    <AuthCard title="Sign in" intro="Manage channels, API keys and users." site={site}>
      <form className="form" onSubmit={onSubmit} noValidate>
        <ErrorBanner error={failure} />
        <FormField label="Username" error={errors.username}>
          <input
            value={input.username}
            onChange={(event) => set('username', event.target.value)}
            autoComplete="username"
          />
        </FormField>
        <FormField label="Password" error={errors.password}>
          <input
            type="password"
            value={input.password}
            onChange={(event) => set('password', event.target.value)}
            autoComplete="current-password"
          />
        </FormField>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      {site.registrationEnabled && (
        <p className="auth-switch">
          New here? <Link to={SIGN_UP_PATH}>Create an account</Link>
        </p>
      )}
    </AuthCard>
  );
}
