import { browserSupportsWebAuthn } from '@simplewebauthn/browser';
import { useState } from 'react';
import { signInWithPasskey } from '../api/passkeys-api';
import type { User } from '../api/types';
import { ErrorBanner } from '../components/error-banner';
import { useT } from '../i18n/use-t';

/**
 * "Sign in with a passkey": no username, the browser offers the passkeys it holds for this
 * site. Hidden where the browser has no WebAuthn (an old one, or a page not over HTTPS).
 */
export function PasskeySignIn({ onSignedIn }: { onSignedIn: (user: User) => void }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  if (!browserSupportsWebAuthn()) return null;
  const start = async () => {
    setFailure(null);
    setBusy(true);
    try {
      onSignedIn(await signInWithPasskey('passwordless'));
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="sso">
      <ErrorBanner error={failure} />
      <button
        type="button"
        className="button sso-button"
        disabled={busy}
        onClick={() => void start()}
      >
        {t('passkeys.signIn')}
      </button>
    </div>
  );
}
