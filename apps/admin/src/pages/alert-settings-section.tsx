import { getAlertSettings } from '../api/alert-settings-api';
import { ErrorBanner } from '../components/error-banner';
import { useLoad } from '../components/use-load';
import { useT } from '../i18n/use-t';
import { AlertSettingsForm } from './alert-settings-form';
import { AlertTestButtons } from './alert-test-buttons';

/**
 * Mail and alerts, for root only: the webhook URL may carry a token of its own (Slack's and
 * Discord's do), so the gateway shows these settings to root alone.
 */
export function AlertSettingsSection() {
  const t = useT();
  const { state } = useLoad(getAlertSettings);
  return (
    <section aria-label={t('alerts.title')}>
      <h2 className="section-title">{t('alerts.title')}</h2>
      {state.kind === 'loading' && <p className="muted">{t('common.loading')}</p>}
      {state.kind === 'error' && <ErrorBanner error={state.error} />}
      {state.kind === 'ready' && (
        <>
          <AlertSettingsForm settings={state.data} />
          <AlertTestButtons />
        </>
      )}
    </section>
  );
}
