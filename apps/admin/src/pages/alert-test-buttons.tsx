import { useState } from 'react';
import { sendTestEmail, sendTestWebhook } from '../api/alert-settings-api';
import { ErrorBanner } from '../components/error-banner';
import { useT } from '../i18n/use-t';

type Outcome = { kind: 'sent'; message: string } | { kind: 'failed'; error: unknown } | null;

/** The outcome of one test: what the server said, success or the error. */
function TestOutcome({ outcome, label }: { outcome: Outcome; label: string }) {
  if (!outcome) return null;
  if (outcome.kind === 'failed') return <ErrorBanner error={outcome.error} />;
  return (
    <p className="banner banner-success inline-banner" role="status" aria-label={label}>
      {outcome.message}
    </p>
  );
}

/** "Send test email" and "Send test webhook": each sends with the saved settings. */
export function AlertTestButtons() {
  const t = useT();
  const [to, setTo] = useState('');
  const [email, setEmail] = useState<Outcome>(null);
  const [webhook, setWebhook] = useState<Outcome>(null);
  const [busy, setBusy] = useState<'email' | 'webhook' | null>(null);

  const testEmail = async () => {
    setBusy('email');
    setEmail(null);
    try {
      await sendTestEmail(to.trim());
      setEmail({ kind: 'sent', message: t('alerts.testEmailSent', { to: to.trim() }) });
    } catch (error) {
      setEmail({ kind: 'failed', error });
    } finally {
      setBusy(null);
    }
  };
  const testWebhook = async () => {
    setBusy('webhook');
    setWebhook(null);
    try {
      const { status } = await sendTestWebhook();
      setWebhook({ kind: 'sent', message: t('alerts.testWebhookSent', { status: status ?? 200 }) });
    } catch (error) {
      setWebhook({ kind: 'failed', error });
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="card form fieldset" aria-label={t('alerts.tests')}>
      <h2>{t('alerts.tests')}</h2>
      <p className="muted">{t('alerts.testsHint')}</p>
      <div className="field">
        <label className="field-label" htmlFor="alert-test-recipient">
          {t('alerts.testRecipient')}
        </label>
        <input
          id="alert-test-recipient"
          type="email"
          value={to}
          spellCheck={false}
          onChange={(event) => setTo(event.target.value)}
        />
      </div>
      <div className="actions">
        <button
          type="button"
          className="button"
          disabled={busy !== null || to.trim() === ''}
          onClick={() => void testEmail()}
        >
          {busy === 'email' ? t('alerts.sending') : t('alerts.testEmail')}
        </button>
        <TestOutcome outcome={email} label={t('alerts.testEmail')} />
      </div>
      <div className="actions">
        <button
          type="button"
          className="button"
          disabled={busy !== null}
          onClick={() => void testWebhook()}
        >
          {busy === 'webhook' ? t('alerts.sending') : t('alerts.testWebhook')}
        </button>
        <TestOutcome outcome={webhook} label={t('alerts.testWebhook')} />
      </div>
    </section>
  );
}
