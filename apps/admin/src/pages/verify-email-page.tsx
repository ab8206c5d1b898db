import { useEffect, useState } from 'react';
import { useLocation } from 'react-router';
import {
  confirmEmailVerification,
  type EmailVerified,
  readLinkToken,
} from '../api/account-mail-api';
import type { SiteStatus } from '../api/types';
import { ErrorBanner } from '../components/error-banner';
import { LanguageSwitch } from '../components/language-switch';
import { useT } from '../i18n/use-t';
import { AuthCard } from './auth-card';

// A link works once: a second run of the effect (React's development double-run, a
// re-mount) must reuse the first answer rather than spend the token again.
const confirmations = new Map<string, Promise<EmailVerified>>();
function confirmOnce(token: string): Promise<EmailVerified> {
  let confirmation = confirmations.get(token);
  if (!confirmation) {
    confirmation = confirmEmailVerification(token);
    confirmations.set(token, confirmation);
  }
  return confirmation;
}

type Outcome =
  | { kind: 'checking' }
  | { kind: 'verified'; email: string }
  | { kind: 'failed'; error: unknown };

/** Where a verification link lands, signed in or not: the token in it is the proof. */
export function VerifyEmailPage({ site }: { site: SiteStatus }) {
  const t = useT();
  const token = readLinkToken(useLocation().hash);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'checking' });
  useEffect(() => {
    let current = true;
    confirmOnce(token).then(
      ({ email }) => current && setOutcome({ kind: 'verified', email }),
      (error: unknown) => current && setOutcome({ kind: 'failed', error }),
    );
    return () => {
      current = false;
    };
  }, [token]);
  return (
    <AuthCard
      title={t('verify.title')}
      intro={t('verify.intro')}
      site={site}
      tools={<LanguageSwitch />}
    >
      {outcome.kind === 'checking' && <p className="muted">{t('common.loading')}</p>}
      {outcome.kind === 'verified' && (
        <p className="banner banner-success" role="status">
          {t('verify.done', { email: outcome.email })}
        </p>
      )}
      {outcome.kind === 'failed' && <ErrorBanner error={outcome.error} />}
      <p className="auth-switch">
        <a href="/">{t('verify.continue')}</a>
      </p>
    </AuthCard>
  );
}
