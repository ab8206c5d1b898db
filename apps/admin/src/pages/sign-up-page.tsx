import { Link, useLocation } from 'react-router';
import type { Registration } from '../api/auth-api';
import { register, signIn } from '../api/auth-api';
import type { SiteStatus, User } from '../api/types';
import { ErrorBanner } from '../components/error-banner';
import { FormField } from '../components/form-field';
import { useForm } from '../components/use-form';
import { readInviteCode } from '../lib/invite-link';
import { parseSignUpForm } from '../lib/parse-auth-forms';
import { AuthCard } from './auth-card';

const FIELDS = ['username', 'password', 'inviteCode'];

/** Creates the account, then signs in with it: registering sets no session. */
async function registerAndSignIn(registration: Registration): Promise<User> {
  await register(registration);
  try {
    return await signIn(registration.username, registration.password);
  } catch (error) {
    // Sending the form again would only answer "taken": say the account is there.
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Your account was created, but signing in failed (${reason}); sign in.`);
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
  const { search } = useLocation();
  const {
    values: input,
    set,
    errors,
    banner,
    busy,
    onSubmit,
  } = useForm({
    initial: () => ({ username: '', password: '', inviteCode: readInviteCode(search) }),
    // A taken username (409) and an unknown code (400) land beside their fields.
    fields: FIELDS,
    parse: parseSignUpForm,
    send: registerAndSignIn,
    onSuccess: onSignedIn,
  });

  if (!site.registrationEnabled)
    return (
      <AuthCard title="Sign-up is closed" intro="Ask an admin for an account." site={site}>
        <p className="auth-switch">
          <Link to="/">Sign in</Link>
        </p>
      </AuthCard>
    );

  return (
    <AuthCard title="Create an account" intro="Get API keys for the models here." site={site}>
      <form className="form" onSubmit={onSubmit} noValidate aria-label="Create an account">
        {banner && <ErrorBanner error={banner} />}
        <FormField label="Username" error={errors.username} hint="3-64 letters, digits, _ . -">
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
        <FormField label="Invite code" error={errors.inviteCode} hint="Optional">
          <input
            value={input.inviteCode}
            onChange={(event) => set('inviteCode', event.target.value)}
            autoComplete="off"
            spellCheck={false}
          />
        </FormField>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create account'}
        </button>
      </form>
      <p className="auth-switch">
        Have an account? <Link to="/">Sign in</Link>
      </p>
    </AuthCard>
  );
}
