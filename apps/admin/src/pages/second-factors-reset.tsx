import { useState } from 'react';
import { resetSecondFactors } from '../api/two-factor-api';
import { ErrorBanner } from '../components/error-banner';
import { useT } from '../i18n/use-t';

/**
 * An admin's way out for a user who lost their authenticator: removes their TOTP, recovery
 * codes and passkeys, so the password (or identity provider) alone signs them in again.
 */
export function SecondFactorsReset({ userId }: { userId: number }) {
  const t = useT();
  const [outcome, setOutcome] = useState<'idle' | 'done' | { error: unknown }>('idle');
  const reset = async () => {
    if (!window.confirm(t('secondFactorsReset.confirm'))) return;
    try {
      await resetSecondFactors(userId);
      setOutcome('done');
    } catch (error) {
      setOutcome({ error });
    }
  };
  return (
    <section aria-label={t('secondFactorsReset.title')}>
      <h3>{t('secondFactorsReset.title')}</h3>
      {typeof outcome === 'object' && <ErrorBanner error={outcome.error} />}
      {outcome === 'done' ? (
        <p role="status">{t('secondFactorsReset.done')}</p>
      ) : (
        <button type="button" className="button button-small" onClick={() => void reset()}>
          {t('secondFactorsReset.button')}
        </button>
      )}
    </section>
  );
}
